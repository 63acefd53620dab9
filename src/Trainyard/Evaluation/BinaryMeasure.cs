using Trainyard.Artifacts.Metrics;
using Trainyard.Training;

namespace Trainyard.Evaluation;

/// <summary>Measures <see cref="BinaryMetrics"/> on one set of rows (the test split or a slice of it).</summary>
internal static class BinaryMeasure
{
    /// <param name="labels">0 or 1 per row; 1 is the positive class.</param>
    /// <param name="probabilities">Probability of class 1 per row; NaN for a missing prediction.</param>
    public static BinaryMetrics Compute(IReadOnlyList<int> labels, IReadOnlyList<double> probabilities, double threshold)
    {
        var input = BinaryInput.Present(labels, probabilities);
        var (y, p) = (input.Labels, input.Probabilities);
        var n = y.Length;
        var why = new UndefinedReasons();
        var noRows = n == 0 ? "no rows with a prediction" : null;
        var curve = RocCurve.From(y, p);
        var oneClass = noRows ?? (curve.Positives == 0 ? "no positive labels (only class 0)" : "no negative labels (only class 1)");
        var confusion = Confusion(y, p, threshold);
        var (tp, fp, fn) = (confusion.TruePositives, confusion.FalsePositives, confusion.FalseNegatives);
        var lift = LiftTable.Measure(y, p);
        var brier = 0.0;
        for (var i = 0; i < n; i++) brier += (p[i] - y[i]) * (p[i] - y[i]);

        return new BinaryMetrics
        {
            Rows = n,
            MissingPredictions = input.MissingPredictions,
            Positives = curve.Positives,
            Threshold = threshold,
            Auc = why.Note("auc", curve.Auc(), oneClass),
            PrAuc = why.Note("pr_auc", curve.AveragePrecision(), noRows ?? "no positive labels"),
            LogLoss = why.Note("log_loss", n == 0 ? null : Evaluation.LogLoss.Binary(y, p), noRows!),
            Brier = why.Note("brier", n == 0 ? null : brier / n, noRows!),
            Accuracy = why.Note("accuracy", n == 0 ? null : (double)(n - fp - fn) / n, noRows!),
            Precision = why.Note("precision", tp + fp == 0 ? null : (double)tp / (tp + fp), noRows ?? "no positive predictions at this threshold"),
            Recall = why.Note("recall", tp + fn == 0 ? null : (double)tp / (tp + fn), noRows ?? "no positive labels"),
            // F1 as 2TP/(2TP+FP+FN): 0, not undefined, when positives exist but none is found (scikit-learn's value too).
            F1 = why.Note("f1", 2 * tp + fp + fn == 0 ? null : 2.0 * tp / (2 * tp + fp + fn), noRows ?? "no positive labels and no positive predictions"),
            Ks = why.Note("ks", curve.Ks(), oneClass),
            TopDecileLift = why.Note("top_decile_lift", lift.Count == 0 ? null : lift[0].Lift,
                noRows ?? (n < 10 ? $"fewer than 10 rows ({n})" : "no positive labels")),
            BaseRate = why.Note("base_rate", n == 0 ? null : (double)curve.Positives / n, noRows!),
            PredictedPositiveRate = why.Note("predicted_positive_rate", n == 0 ? null : (double)(tp + fp) / n, noRows!),
            Confusion = confusion,
            Lift = lift,
            Calibration = Evaluation.Calibration.Measure(y, p),
            Undefined = why.ToDictionary(),
        };
    }

    /// <summary>The confusion matrix at <paramref name="threshold"/>: class 1 is predicted when p ≥ threshold.</summary>
    public static ConfusionCounts Confusion(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, double threshold)
    {
        int tn = 0, fp = 0, fn = 0, tp = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var predicted = probabilities[i] >= threshold;
            if (labels[i] == 1) { if (predicted) tp++; else fn++; }
            else if (predicted) fp++;
            else tn++;
        }
        return new ConfusionCounts(tn, fp, fn, tp);
    }
}
