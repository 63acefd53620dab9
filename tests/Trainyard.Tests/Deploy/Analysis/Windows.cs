using Trainyard.Deploy.Analysis;

namespace Trainyard.Tests.Deploy.Analysis;

/// <summary>Hand-built windows for the analysis tests.</summary>
internal static class Windows
{
    public static readonly double[] Deciles = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, double.PositiveInfinity];

    /// <summary>Scores spread evenly over the ten decile buckets, <paramref name="perBucket"/> each.</summary>
    public static long[] Even(long perBucket) => [.. Enumerable.Repeat(perBucket, 10)];

    public static UpstreamWindow Upstream(string upstream, long requests, long serverErrors = 0, long invalid = 0,
        double? p50 = 2, double? p95 = 8, double? p99 = 20, long[]? scores = null, double[]? bounds = null) =>
        new(upstream, upstream == "canary" ? "v2" : "v1", requests, serverErrors, invalid, p50, p95, p99,
            bounds ?? Deciles, scores ?? Even(requests / 10));

    public static StepWindow Step(UpstreamWindow canary, UpstreamWindow? stable) => new(TimeSpan.FromSeconds(30), canary, stable);
}
