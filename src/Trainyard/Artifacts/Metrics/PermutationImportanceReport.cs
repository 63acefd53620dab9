namespace Trainyard.Artifacts.Metrics;

/// <summary>How much the metric gets worse when one feature's values are shuffled across rows.</summary>
/// <param name="MeanDrop">Mean worsening over the repeats, in the metric's units; positive means the model relies on the feature.</param>
/// <param name="StandardDeviation">Population standard deviation of the drop over the repeats.</param>
internal sealed record FeatureImportance(string Feature, double MeanDrop, double StandardDeviation);

internal sealed record PermutationImportanceReport(string Metric, double BaselineScore, int Repeats, int Seed, IReadOnlyList<FeatureImportance> Features);
