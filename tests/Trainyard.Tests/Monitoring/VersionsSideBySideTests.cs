using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Monitoring;

/// <summary>Two versions served in one window (a canary, an A/B hold): every figure per version, each against its own package.</summary>
[Collection(ServingCollection.Name)]
public sealed class VersionsSideBySideTests(PackagedSample sample)
{
    [Fact]
    public async Task EachVersionIsJudgedOnItsOwnTraffic()
    {
        var registry = await LoggedTraffic.ProductionRegistryAsync(sample);
        // v2: the same model published again under another content key, as a retrained model would be.
        var package = await sample.V1Async();
        var published = await registry.PublishAsync((package with { Metadata = package.Metadata with { ContentKey = "retrained" } }).Pack(), "tests", CancellationToken.None);
        Assert.Equal("v2", published.Version.Tag);
        var folder = sample.NewFolder();
        // Stable v1 gets traffic like training; the canary v2 gets every third row (the split's first rows are not a fair sample), Amount shifted.
        var third = sample.TestRows.Where((_, i) => i % 3 == 0).ToArray();
        await LoggedTraffic.LogToAsync(sample, sample.TestRows, Path.Combine(folder, "credit-risk-v1.jsonl"));
        await LoggedTraffic.LogToAsync(sample, LoggedTraffic.Shifted(third, ("Amount", x => x * 3)), Path.Combine(folder, "credit-risk-v2.jsonl"),
            environment: [("TRAINYARD_MODEL_PATH", Path.Combine(registry.Location, "credit-risk")), ("TRAINYARD_MODEL_REFERENCE", "v2")]);

        var report = await LoggedTraffic.MonitorAsync(LoggedTraffic.Spec(sample), registry, folder);

        Assert.Equal(["v1", "v2"], report.Versions.Select(v => v.Version));
        var (v1, v2) = (report.Versions[0], report.Versions[1]);
        Assert.Equal(("credit-risk:v1", "credit-risk:v2"), (v1.Reference, v2.Reference));
        Assert.Equal((sample.TestRows.Count, (long)third.Length), (v1.Service.Predictions, v2.Service.Predictions));
        Assert.Empty(v1.DriftedColumns);
        Assert.Equal(["Amount"], v2.DriftedColumns);
        Assert.NotEqual(v1.Digest, v2.Digest);
        // Production (v1) decides what drifted for a retrain: the canary's shifted traffic does not.
        Assert.Empty(report.DriftedColumns);
        Assert.False(report.Retrain);
        Assert.Equal(sample.TestRows.Count + third.Length, report.Predictions);
    }
}
