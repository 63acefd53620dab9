using Trainyard.Deploy.Analysis;
using Trainyard.Pipelines;
using Trainyard.Runtime.Drift;
using static Trainyard.Tests.Deploy.Analysis.Windows;

namespace Trainyard.Tests.Deploy.Analysis;

/// <summary>Each live metric from a hand-built window, and score_psi against Trainyard.Runtime's PSI.</summary>
public class LiveMetricTests
{
    [Theory]
    [InlineData("success_rate", 0.97)]          // 1 − 30/1000
    [InlineData("error_rate", 0.03)]            // 30/1000 answered 5xx
    [InlineData("invalid_request_rate", 0.02)]  // 20/1000 answered 400
    [InlineData("p50_latency_ms", 2.0)]         // the window's percentiles as the metric source computed them
    [InlineData("p95_latency_ms", 8.0)]
    [InlineData("p99_latency_ms", 20.0)]
    public void MetricIsReadFromTheWindowsCounts(string metric, double expected)
    {
        var (value, noData) = LiveMetric.Of(metric, Upstream("canary", 1000, serverErrors: 30, invalid: 20));

        Assert.Null(noData);
        Assert.Equal(expected, value!.Value, 12);
    }

    [Fact]
    public void EveryLiveMetricOfTheSpecIsMeasured()
    {
        var window = Upstream("canary", 1000);
        foreach (var metric in DeployReader.LiveMetrics.Where(m => m != DeployReader.ScorePsi))
            Assert.NotNull(LiveMetric.Of(metric, window).Value);
    }

    [Fact]
    public void ScorePsiOnSharedBucketsIsTheRuntimesPsiOfTheTwoCountVectors()
    {
        // An empty canary bucket: the Runtime's PSI floors its share at 1e-4 rather than dividing by zero.
        long[] stable = [120, 80, 100, 100, 90, 110, 100, 100, 100, 100];
        long[] canary = [0, 150, 100, 100, 90, 110, 100, 100, 100, 150];

        var (psi, noData) = ScoreShift.Of(Upstream("canary", 1000, scores: canary), Upstream("stable", 1000, scores: stable), 200);

        var expected = Psi.FromShares([.. stable.Select(c => c / 1000.0)], [.. canary.Select(c => c / 1000.0)]);
        Assert.Null(noData);
        Assert.Equal(expected, psi!.Value, 12);
        Assert.True(expected > 0.2); // the empty bucket alone adds (1e-4 − 0.12) × ln(1e-4/0.12) ≈ 0.85
    }

    [Fact]
    public void CanaryCountsMoveOntoStablesBucketsWhenTheBoundsDiffer()
    {
        // Canary: 10 scores in (0, 0.5], 10 above 0.5. Onto stable's (0, 0.25], (0.25, 0.5], (0.5, 0.75], (0.75, ∞):
        // half of the first bucket below 0.25 (spread evenly) → 5, 5; the open top bucket stays above every finite
        // edge → 0 in (0.5, 0.75], 10 above 0.75.
        var moved = ScoreShift.Rebin([0.5, double.PositiveInfinity], [10, 10], [0.25, 0.5, 0.75, double.PositiveInfinity]);

        Assert.Equal([5.0, 5.0, 0.0, 10.0], moved);
    }

    [Fact]
    public void EqualBoundsMoveNothing()
    {
        long[] counts = [3, 0, 7, 1, 0, 0, 2, 5, 9, 4];

        Assert.Equal(counts.Select(c => (double)c), ScoreShift.Rebin(Deciles, counts, Deciles));
    }
}
