using Trainyard.Artifacts;
using Trainyard.Artifacts.Monitoring;
using Trainyard.Tests.Data.Files;
using Trainyard.Training;

namespace Trainyard.Tests.Training;

public sealed class RetrainTriggerTests
{
    [Theory]
    [InlineData(new[] { "drift(Income, Age)" }, "drift(Income, Age)")]
    [InlineData(new[] { "estimated.auc 0.71 < 0.74" }, "quality(auc)")]
    [InlineData(new[] { "auc 0.70 < 0.79 (evaluated - 0.05)", "estimated.auc 0.71 < 0.74", "f1 0.2 < 0.3" }, "quality(auc, f1)")]
    [InlineData(new[] { "drift(Age)", "accuracy 0.6 < 0.7" }, "drift(Age); quality(accuracy)")]
    public void MonitorsReasonsBecomeTheLineageTrigger(string[] reasons, string trigger) =>
        Assert.Equal(trigger, RetrainDecision.TriggerOf(reasons));

    [Fact]
    public async Task AReportOlderThanThisRunDecidesNothing()
    {
        using var root = new TemporaryRoot();
        Directory.CreateDirectory(Path.Combine(root.Path, "artifacts"));
        await new MonitorReport("m", "v1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1000, 0, "degraded", true, ["drift(Age)"], ["Age"], [], [])
            .WriteAsync(Path.Combine(root.Path, "artifacts/monitor.json"));
        var given = new RunTrigger(RunTrigger.Schedule);

        var fresh = RetrainDecision.Decide(root.Path, "artifacts/monitor.json", force: false, given, writtenSince: DateTimeOffset.UtcNow.AddMinutes(-1));
        var stale = RetrainDecision.Decide(root.Path, "artifacts/monitor.json", force: false, given, writtenSince: DateTimeOffset.UtcNow.AddMinutes(1));
        var forced = RetrainDecision.Decide(root.Path, "artifacts/monitor.json", force: true, given, writtenSince: DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.True(fresh.Retrain);
        Assert.Equal("drift(Age)", fresh.Trigger.Reason);
        Assert.StartsWith("sha256:", fresh.Trigger.Report);
        Assert.False(stale.Retrain);
        Assert.StartsWith("Monitor wrote no artifacts/monitor.json in this run (the one there is from ", stale.Why);
        Assert.True(forced.Retrain);
        Assert.Equal(given, forced.Trigger);
    }
}
