namespace Trainyard.Artifacts.Metrics;

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
}
