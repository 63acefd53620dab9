namespace Trainyard.Artifacts.Metrics;

/// <summary>A quantile of a sample, as numpy's default ("linear") method computes it.</summary>
/// <param name="Quantile">The fraction, 0–1 (0.95 is the 95th percentile).</param>
internal sealed record QuantileValue(double Quantile, double Value);
