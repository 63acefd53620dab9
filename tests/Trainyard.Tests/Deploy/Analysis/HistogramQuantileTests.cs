using Trainyard.Deploy.Analysis;

namespace Trainyard.Tests.Deploy.Analysis;

/// <summary>
/// Quantiles from histogram buckets agree with Prometheus' histogram_quantile. Expected values were printed by
/// <c>promtool test rules</c> (Prometheus 2.42.0) over the same buckets written as cumulative <c>le</c> series, and each
/// is worked by hand in its comment.
/// </summary>
public class HistogramQuantileTests
{
    // The gateway's latency buckets in seconds.
    private static readonly double[] Bounds =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, double.PositiveInfinity];

    // 100 requests: 10 in (0.5ms, 1ms], 40 in (1, 2.5], 30 in (2.5, 5], 15 in (5, 10], 4 in (10, 25], 1 in (25, 50].
    // Cumulative: 0, 10, 50, 80, 95, 99, 100, …
    private static readonly long[] Counts = [0, 10, 40, 30, 15, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0];

    [Theory]
    [InlineData(0.5, 0.0025)]                 // rank 50 reaches cumulative 50 at le=0.0025: 0.001 + 0.0015 × 40/40
    [InlineData(0.9, 0.008333333333333333)]   // rank 90 in (0.005, 0.01] (80 → 95): 0.005 + 0.005 × 10/15
    [InlineData(0.95, 0.01)]                  // rank 95 = cumulative at le=0.01: the bucket's top
    [InlineData(0.99, 0.025)]                 // rank 99 = cumulative at le=0.025
    [InlineData(0.999, 0.047500000000000146)] // rank 99.9 in (0.025, 0.05] (99 → 100): 0.025 + 0.025 × 0.9/1
    [InlineData(0.2, 0.001375)]               // rank 20 in (0.001, 0.0025] (10 → 50): 0.001 + 0.0015 × 10/40
    public void QuantileInterpolatesLinearlyWithinTheBucketAsPrometheusDoes(double q, double expected)
    {
        Assert.Equal(expected, HistogramQuantile.Of(Bounds, Counts, q), 15);
    }

    [Fact]
    public void RankInTheInfBucketGivesTheHighestFiniteBoundAndTheLowestBucketStartsAtZero()
    {
        // 3 requests at or below 0.5 ms, 7 slower than 10 s.
        long[] counts = [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7];

        Assert.Equal(10, HistogramQuantile.Of(Bounds, counts, 0.5));                           // rank 5 > 3: the +Inf bucket → 10
        Assert.Equal(0.0003333333333333333, HistogramQuantile.Of(Bounds, counts, 0.2), 15);     // rank 2 of 3 in (0, 0.0005]
    }

    [Fact]
    public void BucketsInAnyOrderAndRepeatedBoundsReadAsPrometheusSortsAndMergesThem()
    {
        double[] bounds = [double.PositiveInfinity, 1, 0.5, 1];
        long[] counts = [0, 2, 4, 2];  // (0, 0.5]: 4, (0.5, 1]: 2 + 2

        Assert.Equal(0.75, HistogramQuantile.Of(bounds, counts, 0.75)); // rank 6 in (0.5, 1] (4 → 8): 0.5 + 0.5 × 2/4
    }

    [Fact]
    public void NoObservationsOrNoInfBucketIsNaNAndQuantilesOutsideZeroToOneAreInfinite()
    {
        Assert.True(double.IsNaN(HistogramQuantile.Of(Bounds, new long[Bounds.Length], 0.5)));
        Assert.True(double.IsNaN(HistogramQuantile.Of([0.1, 0.2], [1, 1], 0.5)));
        Assert.True(double.IsNaN(HistogramQuantile.Of([double.PositiveInfinity], [5], 0.5)));
        Assert.Equal(double.NegativeInfinity, HistogramQuantile.Of(Bounds, Counts, -0.1));
        Assert.Equal(double.PositiveInfinity, HistogramQuantile.Of(Bounds, Counts, 1.1));
    }

    [Fact]
    public void NonPositiveLowestBoundIsReturnedWhenTheRankFallsInIt()
    {
        // Regression scores can be negative: the lowest bucket has no lower end, so its bound is the answer.
        Assert.Equal(-5, HistogramQuantile.Of([-5, 0, double.PositiveInfinity], [4, 4, 2], 0.25));
    }
}
