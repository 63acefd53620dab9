using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;

namespace Trainyard.Tests.Evaluation;

public sealed class MeasurementTests
{
    // Two features, 50 rows: the "model" returns feature 0 exactly, feature 1 is noise it ignores.
    private static readonly float[] Matrix = Enumerable.Range(0, 50).SelectMany(i => new[] { (float)i, (float)(i * 7 % 13) }).ToArray();
    private static readonly double[] Labels = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();

    private static PermutationImportanceReport Importance(int seed) => PermutationImportance.Measure(
        Matrix, 50, ["signal", "noise"],
        (features, rows) => Enumerable.Range(0, rows).Select(i => (double)features[i * 2]).ToArray(),
        predictions => RegressionMeasure.Compute(Labels, predictions).Rmse, "rmse", higherIsBetter: false, repeats: 3, seed: seed);

    [Fact]
    public void PermutationImportanceFindsTheFeatureTheModelUsesAndNotTheOneItIgnores()
    {
        var report = Importance(seed: 7);

        Assert.Equal(0.0, report.BaselineScore);
        Assert.True(report.Features[0].MeanDrop > 10, $"signal drop {report.Features[0].MeanDrop}");
        Assert.Equal(0.0, report.Features[1].MeanDrop);
        Assert.Equal(0.0, report.Features[1].StandardDeviation);
    }

    [Fact]
    public void PermutationImportanceIsTheSameForTheSameSeedAndDiffersForAnother()
    {
        Assert.Equal(Importance(seed: 7).Features, Importance(seed: 7).Features);
        Assert.NotEqual(Importance(seed: 7).Features[0].MeanDrop, Importance(seed: 8).Features[0].MeanDrop);
    }

    /// <summary>A clock that moves only when told to, in microsecond ticks.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public long Now;
        public override long TimestampFrequency => 1_000_000;
        public override long GetTimestamp() => Now;
    }

    [Fact]
    public void ServingCostReportsLatencyPercentilesAndThroughputFromTheClock()
    {
        var clock = new ManualClock();
        var call = 0;

        // Call k (after 10 warm-up calls) takes k µs: latencies 1..100 µs. Each batch of 1,000 rows takes 0.5 s.
        var cost = ServingCostTimer.Measure(
            _ => clock.Now += call++ < 10 ? 1_000_000 : call - 10, rows: 3,
            () => clock.Now += 500_000, batchRows: 1000, calls: 100, warmupCalls: 10, batchRuns: 4, clock: clock);

        // np.quantile(np.arange(1, 101) / 1000, [0.5, 0.95, 0.99])
        Assert.Equal(0.0505, cost.P50LatencyMs, 12);
        Assert.Equal(0.09505, cost.P95LatencyMs, 12);
        Assert.Equal(0.09901, cost.P99LatencyMs, 12);
        Assert.Equal(2000, cost.ThroughputRowsPerS, 9);
        Assert.Equal((100, 1000, 4), (cost.SingleRowCalls, cost.BatchRows, cost.BatchRuns));
    }

    private sealed class NanosecondClock : TimeProvider
    {
        public long Now;
        public override long TimestampFrequency => 1_000_000_000;
        public override long GetTimestamp() => Now;
    }

    [Fact]
    public void ServingCostKeepsLatenciesShorterThanATimeSpanTick()
    {
        var clock = new NanosecondClock();

        // Every call takes 40 ns, less than TimeSpan's 100 ns tick.
        var cost = ServingCostTimer.Measure(_ => clock.Now += 40, rows: 1, () => clock.Now += 1_000, batchRows: 10, calls: 50, warmupCalls: 1, batchRuns: 1, clock: clock);

        Assert.Equal(0.00004, cost.P50LatencyMs, 12);
    }

    [Theory]
    [InlineData(0.00004, "40.0 ns")]
    [InlineData(0.000123456, "123 ns")]
    [InlineData(0.0009996, "1.00 µs")]
    [InlineData(0.005801, "5.80 µs")]
    [InlineData(0.0505, "50.5 µs")]
    [InlineData(1.23456, "1.23 ms")]
    [InlineData(2500, "2.50 s")]
    [InlineData(0, "0 ns")]
    public void LatencyIsShownInAUnitThatFitsWithThreeSignificantDigits(double milliseconds, string shown)
    {
        Assert.Equal(shown, Duration.FromMilliseconds(milliseconds));
    }
}
