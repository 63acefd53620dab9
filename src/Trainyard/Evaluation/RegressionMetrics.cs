namespace Trainyard.Evaluation;

/// <summary>Regression metrics; residual = label − prediction (positive: the model predicted too low).</summary>
internal sealed record RegressionMetrics
{
    public static readonly IReadOnlyList<double> ResidualQuantileLevels = [0.05, 0.25, 0.5, 0.75, 0.95];

    public required int Rows { get; init; }
    /// <summary>Rows whose prediction or label was missing (NaN), left out of every metric.</summary>
    public required int MissingPredictions { get; init; }
    public double? Rmse { get; init; }
    public double? Mae { get; init; }
    /// <summary>1 − SS_res / SS_tot; undefined (not scikit-learn's 0 or 1) when the labels are constant.</summary>
    public double? R2 { get; init; }
    /// <summary>Mean |label − prediction| / |label| as a fraction (0.05 = 5 %), over rows with a non-zero label only.</summary>
    public double? Mape { get; init; }
    /// <summary>Rows left out of MAPE because their label is 0 (the percentage error is infinite there).</summary>
    public required int MapeSkippedZeroLabels { get; init; }
    public required IReadOnlyList<QuantileValue> ResidualQuantiles { get; init; }
    public required IReadOnlyDictionary<string, string> Undefined { get; init; }

    public MetricSet Scalars() => MetricSet.From(new Dictionary<string, double?>
    {
        ["rmse"] = Rmse, ["mae"] = Mae, ["r2"] = R2, ["mape"] = Mape,
    }, Undefined);

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
            ResidualQuantiles = Quantiles.Of(residuals, ResidualQuantileLevels),
            Undefined = why.ToDictionary(),
        };
    }
}
