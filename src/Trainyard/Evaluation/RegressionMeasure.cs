using Trainyard.Artifacts.Metrics;

namespace Trainyard.Evaluation;

/// <summary>Measures <see cref="RegressionMetrics"/>; residual = label − prediction.</summary>
internal static class RegressionMeasure
{
    public static RegressionMetrics Compute(IReadOnlyList<double> labels, IReadOnlyList<double> predictions)
    {
        if (labels.Count != predictions.Count) throw new ArgumentException($"{labels.Count} labels but {predictions.Count} predictions.");
        var residuals = new List<double>(labels.Count);
        var kept = new List<double>(labels.Count);
        double absolute = 0, squared = 0, percentage = 0;
        int zeroLabels = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var (y, prediction) = (labels[i], predictions[i]);
            if (double.IsNaN(y) || double.IsNaN(prediction)) continue;
            var residual = y - prediction;
            residuals.Add(residual);
            kept.Add(y);
            absolute += Math.Abs(residual);
            squared += residual * residual;
            if (y == 0) zeroLabels++;
            else percentage += Math.Abs(residual) / Math.Abs(y);
        }

        var n = kept.Count;
        var mean = n == 0 ? 0 : kept.Average();
        var total = kept.Sum(y => (y - mean) * (y - mean));
        var why = new UndefinedReasons();
        const string noRows = "no rows with a prediction";
        return new RegressionMetrics
        {
            Rows = n,
            MissingPredictions = labels.Count - n,
            Rmse = why.Note("rmse", n == 0 ? null : Math.Sqrt(squared / n), noRows),
            Mae = why.Note("mae", n == 0 ? null : absolute / n, noRows),
            R2 = why.Note("r2", n == 0 || total == 0 ? null : 1 - squared / total, n == 0 ? noRows : "the labels are constant (no variance to explain)"),
            Mape = why.Note("mape", n - zeroLabels == 0 ? null : percentage / (n - zeroLabels), n == 0 ? noRows : "every label is 0"),
            MapeSkippedZeroLabels = zeroLabels,
            ResidualQuantiles = Quantiles.Of(residuals, RegressionMetrics.ResidualQuantileLevels),
            Undefined = why.ToDictionary(),
        };
    }
}
