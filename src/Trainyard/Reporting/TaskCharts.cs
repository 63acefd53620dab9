using Trainyard.Artifacts;
using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;
using Trainyard.Reporting.Charts;

namespace Trainyard.Reporting;

/// <summary>The task's own charts: binary curves, lift, calibration and confusion; multiclass per-class bars; regression residuals.</summary>
internal static class TaskCharts
{
    public static IEnumerable<ChartView> For(MetricsReport metrics, PredictionsFile? predictions)
    {
        if (metrics.Binary is { } binary) return Binary(binary, predictions);
        if (metrics.Multiclass is { } multiclass) return Multiclass(multiclass);
        if (metrics.Regression is { } regression) return Regression(regression, predictions);
        return [];
    }

    static IEnumerable<ChartView> Binary(BinaryMetrics binary, PredictionsFile? predictions)
    {
        var (roc, pr) = predictions is null ? ([], []) : ScoreCurves.Of(predictions.BinaryScores());
        if (roc.Count > 0)
        {
            yield return new ChartView("ROC curve", new LineChart("ROC curve", "false positive rate", "true positive rate", [new("ROC", roc)], Diagonal: true, UnitSquare: true).ToSvg(),
                $"AUC {Display.Number(binary.Auc)}");
            yield return new ChartView("Precision–recall", new LineChart("Precision–recall curve", "recall", "precision", [new("precision", pr)], UnitSquare: true).ToSvg(),
                $"average precision {Display.Number(binary.PrAuc)}, base rate {Display.Number(binary.BaseRate)}");
        }
        if (binary.Lift.Count > 0)
        {
            IReadOnlyList<(double, double)> gain = [(0, 0), .. binary.Lift.Select(d => (d.Decile / 10.0, d.CumulativeGain))];
            yield return new ChartView("Cumulative gain", new LineChart("Cumulative gain by decile", "share of rows (highest scores first)", "share of positives found",
                [new("cumulative gain", gain)], Diagonal: true, UnitSquare: true, Markers: true).ToSvg());
            yield return new ChartView("Lift by decile", new BarChart("Lift by decile", ["lift", "cumulative lift"],
                [.. binary.Lift.Select(d => new BarRow($"decile {d.Decile}", [d.Lift, d.CumulativeLift]))]).ToSvg());
        }
        var calibrated = binary.Calibration.Where(b => b.MeanPredicted is not null && b.ObservedRate is not null)
            .Select(b => (b.MeanPredicted!.Value, b.ObservedRate!.Value)).ToArray();
        if (calibrated.Length > 0)
            yield return new ChartView("Calibration", new LineChart("Calibration", "mean predicted probability", "observed rate",
                [new("observed", calibrated)], Diagonal: true, UnitSquare: true, Markers: true).ToSvg(), "on the diagonal: probabilities mean what they say");
        // The class names come from predictions.csv (metrics.json says only 0 and 1); without it the roles stand in.
        var classes = predictions?.Classes() is { Count: 2 } named ? named : ["negative", "positive"];
        var c = binary.Confusion;
        yield return new ChartView("Confusion matrix", new Heatmap("Confusion matrix", classes,
            [[c.TrueNegatives, c.FalsePositives], [c.FalseNegatives, c.TruePositives]]).ToSvg(),
            $"at threshold {Display.Number(binary.Threshold)}; {classes[1]} is the positive class");
    }

    static IEnumerable<ChartView> Multiclass(MulticlassMetrics multiclass)
    {
        yield return new ChartView("Per-class metrics", new BarChart("Precision, recall and F1 per class", ["precision", "recall", "F1"],
            [.. multiclass.Classes.Select(c => new BarRow($"{c.Name} ({c.Support})", [c.Precision, c.Recall, c.F1]))]).ToSvg());
        yield return new ChartView("Confusion matrix", new Heatmap("Confusion matrix", [.. multiclass.Classes.Select(c => c.Name)], multiclass.ConfusionMatrix).ToSvg());
    }

    static IEnumerable<ChartView> Regression(RegressionMetrics regression, PredictionsFile? predictions)
    {
        var pairs = predictions?.RegressionPairs() ?? [];
        if (pairs.Count > 0)
        {
            yield return new ChartView("Predicted vs actual", new ScatterChart("Predicted against actual", "actual", "predicted",
                [.. pairs.Select(p => (p.Actual, p.Predicted))], Diagonal: true).ToSvg());
            yield return new ChartView("Residuals", new ScatterChart("Residual against predicted", "predicted", "residual (actual − predicted)",
                [.. pairs.Select(p => (p.Predicted, p.Actual - p.Predicted))], ZeroLine: true).ToSvg());
        }
        yield return new ChartView("Residual quantiles", new BarChart("Residual quantiles", ["residual"],
            [.. regression.ResidualQuantiles.Select(q => new BarRow($"q{q.Quantile * 100:0}", [q.Value]))]).ToSvg());
    }
}
