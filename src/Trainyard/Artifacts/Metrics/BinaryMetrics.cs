namespace Trainyard.Artifacts.Metrics;

/// <summary>Binary classification metrics on one set of rows (the test split or a slice of it).</summary>
internal sealed record BinaryMetrics
{
    /// <summary>Rows measured: those with a probability.</summary>
    public required int Rows { get; init; }
    /// <summary>Rows whose probability was missing (NaN), left out of every metric.</summary>
    public required int MissingPredictions { get; init; }
    public required int Positives { get; init; }
    /// <summary>Class 1 is predicted when its probability is at least this.</summary>
    public required double Threshold { get; init; }
    public double? Auc { get; init; }
    public double? PrAuc { get; init; }
    public double? LogLoss { get; init; }
    public double? Brier { get; init; }
    public double? Accuracy { get; init; }
    public double? Precision { get; init; }
    public double? Recall { get; init; }
    public double? F1 { get; init; }
    public double? Ks { get; init; }
    public double? TopDecileLift { get; init; }
    /// <summary>Share of label 1.</summary>
    public double? BaseRate { get; init; }
    /// <summary>Share of rows predicted 1 (its gap across slices is the demographic-parity gap).</summary>
    public double? PredictedPositiveRate { get; init; }
    public required ConfusionCounts Confusion { get; init; }
    public required IReadOnlyList<LiftDecile> Lift { get; init; }
    public required IReadOnlyList<CalibrationBin> Calibration { get; init; }
    /// <summary>Why a metric is null, by metric name.</summary>
    public required IReadOnlyDictionary<string, string> Undefined { get; init; }

    public MetricSet Scalars() => MetricSet.From(new Dictionary<string, double?>
    {
        ["auc"] = Auc, ["pr_auc"] = PrAuc, ["log_loss"] = LogLoss, ["brier"] = Brier, ["accuracy"] = Accuracy,
        ["precision"] = Precision, ["recall"] = Recall, ["f1"] = F1, ["ks"] = Ks, ["top_decile_lift"] = TopDecileLift,
        ["base_rate"] = BaseRate, ["predicted_positive_rate"] = PredictedPositiveRate,
    }, Undefined);
}
