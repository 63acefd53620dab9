using Trainyard.Pipelines;
using Trainyard.Training;

namespace Trainyard.Artifacts.Metrics;

/// <summary>XGBoost's total gain of the splits on a feature (from the trained model).</summary>
internal sealed record FeatureGain(string Feature, double Gain);

/// <summary>
/// Everything Evaluate measured, as written to <c>artifacts/&lt;pipeline&gt;/metrics.json</c> (shape: docs/metrics.md).
/// Exactly one of <see cref="Binary"/>, <see cref="Multiclass"/>, <see cref="Regression"/> is set, by <see cref="Task"/>.
/// </summary>
internal sealed record MetricsReport
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required string Pipeline { get; init; }
    public required PipelineTask Task { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>Binary only: the decision threshold and how it was chosen.</summary>
    public ThresholdChoice? Threshold { get; init; }
    public BinaryMetrics? Binary { get; init; }
    public MulticlassMetrics? Multiclass { get; init; }
    public RegressionMetrics? Regression { get; init; }
    public IReadOnlyList<SliceReport> Slices { get; init; } = [];
    public IReadOnlyList<FeatureGain> GainImportance { get; init; } = [];
    public PermutationImportanceReport? PermutationImportance { get; init; }
    public ServingCost? Serving { get; init; }
    /// <summary>The build's own metrics (IEvaluate.CustomMetrics), measured after the built-in ones.</summary>
    public IReadOnlyList<CustomMetricValue> Custom { get; init; } = [];
    /// <summary>The gate verdicts, when gates were checked.</summary>
    public GateReport? Gates { get; init; }

    /// <summary>The task's own scalar metrics (those a slice repeats).</summary>
    public MetricSet? TaskScalars() => Binary?.Scalars() ?? Multiclass?.Scalars() ?? Regression?.Scalars();

    /// <summary>Which way <paramref name="metric"/> is better: the catalogue's, else the build's custom metric's; null when unknown.</summary>
    public MetricDirection? DirectionOf(string metric) =>
        MetricCatalog.Find(metric)?.Direction ?? Custom.FirstOrDefault(c => c.Name == metric)?.Direction;
}
