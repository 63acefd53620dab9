namespace Trainyard.Artifacts.Metrics;

/// <summary>One equal-width probability bin: what the model predicted on average and how often the label was 1.</summary>
/// <param name="MeanPredicted">Null for an empty bin.</param>
/// <param name="ObservedRate">Share of label 1 in the bin; null for an empty bin.</param>
internal sealed record CalibrationBin(double Lower, double Upper, int Count, double? MeanPredicted, double? ObservedRate);
