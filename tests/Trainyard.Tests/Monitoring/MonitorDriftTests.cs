using Trainyard.Tests.Serving;
using Xunit.Abstractions;

namespace Trainyard.Tests.Monitoring;

/// <summary>Monitor on real prediction logs of the credit-risk sample: traffic like training is healthy; shifted columns drift, and only those.</summary>
[Collection(ServingCollection.Name)]
public sealed class MonitorDriftTests(PackagedSample sample, ITestOutputHelper output)
{
    [Fact]
    public async Task TrafficLikeTrainingIsHealthyWithNoDrift()
    {
        var folder = await LoggedTraffic.LogAsync(sample, sample.TestRows);
        var registry = await LoggedTraffic.ProductionRegistryAsync(sample);

        var report = await LoggedTraffic.MonitorAsync(LoggedTraffic.Spec(sample), registry, folder);

        foreach (var column in report.Versions.Single().Drift) output.WriteLine($"{column.Column}: {column.Reason}");
        Assert.Equal("healthy", report.Verdict);
        Assert.Empty(report.DriftedColumns);
        Assert.False(report.Retrain);
        Assert.Equal(sample.TestRows.Count, report.Predictions);
        Assert.Equal((sample.TestRows.Count + LoggedTraffic.Batch - 1) / LoggedTraffic.Batch, report.Requests);
        Assert.Equal(0, report.SkippedLines);
        var v1 = report.Versions.Single();
        Assert.Equal("v1", v1.Version);
        // Every feature the model takes is judged: the test split is a sample of the training data's rows.
        Assert.All(v1.Drift, column => Assert.Equal("not_drifted", column.Verdict));
        Assert.Equal(13, v1.Drift.Count);
        // The test split's own scores against its own deciles: a tenth in each bucket, so the PSI is near 0.
        Assert.InRange(v1.Predictions!.Psi!.Value, 0, 0.01);
    }

    [Fact]
    public async Task ShiftedColumnsDriftAndOnlyThose()
    {
        var shifted = LoggedTraffic.Shifted(sample.TestRows, ("Amount", x => x * 3), ("Age", x => x + 25));
        var folder = await LoggedTraffic.LogAsync(sample, shifted);
        var registry = await LoggedTraffic.ProductionRegistryAsync(sample);

        var report = await LoggedTraffic.MonitorAsync(LoggedTraffic.Spec(sample), registry, folder);

        foreach (var column in report.Versions.Single().Drift) output.WriteLine($"{column.Column}: {column.Reason}");
        Assert.Equal(["Age", "Amount"], report.DriftedColumns);
        Assert.True(report.Retrain);
        Assert.Equal(["drift(Age, Amount)"], report.RetrainReasons);
        // No gate names drift, so the service is still healthy: drift asks for a retrain, gates decide the exit.
        Assert.Equal("healthy", report.Verdict);
    }
}
