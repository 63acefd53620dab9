using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;
using Trainyard.Pipelines;

namespace Trainyard.Tests.Evaluation;

/// <summary>Metrics reports built from the fixtures, for the gate, lookup and JSON tests.</summary>
internal static class Reports
{
    /// <summary>Binary fixture at threshold 0.5: auc 0.6818…, log_loss 0.6537…; segments a/b/c; p95 latency 7.25 ms.</summary>
    public static MetricsReport Candidate() => new()
    {
        Pipeline = "credit-risk",
        Task = PipelineTask.Binary,
        CreatedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero),
        Threshold = new ThresholdChoice(0.5, "spec", null, null, 0),
        Binary = BinaryMeasure.Compute(Fixtures.BinaryLabels, Fixtures.BinaryProbabilities, 0.5),
        Slices = SliceMetrics.ForBinary([new SliceColumn("segment", Fixtures.BinarySegments)], 4, Fixtures.BinaryLabels, Fixtures.BinaryProbabilities, 0.5),
        GainImportance = [new FeatureGain("Income", 12.5), new FeatureGain("Age", 3.25)],
        PermutationImportance = new PermutationImportanceReport("auc", 0.68, 5, 42, [new FeatureImportance("Income", 0.1, 0.01)]),
        Serving = new ServingCost(2000, 1.5, 7.25, 9.0, 10_000, 5, 250_000),
    };

    /// <summary>The candidate with other headline values: auc 0.70, log_loss 0.70, no serving cost.</summary>
    public static MetricsReport Baseline()
    {
        var candidate = Candidate();
        return candidate with { Binary = candidate.Binary! with { Auc = 0.70, LogLoss = 0.70 }, Serving = null };
    }

    public static MetricsReport Multiclass() => new()
    {
        Pipeline = "penguins",
        Task = PipelineTask.Multiclass,
        Multiclass = MulticlassMeasure.Compute(Fixtures.MulticlassLabels, Fixtures.MulticlassProbabilities, Fixtures.Species),
    };

    public static MetricsReport Regression() => new()
    {
        Pipeline = "ames",
        Task = PipelineTask.Regression,
        Regression = RegressionMeasure.Compute(Fixtures.RegressionLabels, Fixtures.RegressionPredictions),
    };

    public static GateRule Gate(string metric, GateOperator op, double value, bool againstBaseline = false, bool percent = false) =>
        new(metric, op, value, againstBaseline, percent, $"{metric} {op} {(againstBaseline ? "baseline " : "")}{value}{(percent ? " (%)" : "")}");
}
