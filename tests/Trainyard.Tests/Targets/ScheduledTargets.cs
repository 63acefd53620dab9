using Trainyard.Targets;

namespace Trainyard.Tests.Targets;

/// <summary>What a running target may know about the run: the scheduled targets (NUKE's ScheduledTargets) and --force.</summary>
public sealed class ScheduledTargets : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private sealed class ChainBuild : TrainyardBuild
    {
        public List<string> Seen { get; } = [];
        public bool? SawForce { get; private set; }

        public Target Monitor => _ => _.Executes(() => SawForce = Context.Force);
        public Target Retrain => _ => _.DependsOn(Monitor).Triggers(Train);
        public Target Train => _ => _
            .OnlyWhen("Retrain is scheduled and says no", () => !Context.ScheduledTargets.Contains(nameof(Retrain)) || Context.Force)
            .Executes(() => Seen.AddRange(Context.ScheduledTargets));
    }

    [Fact]
    public async Task ATargetSeesWhichTargetsThisRunRunsInOrder()
    {
        var build = new ChainBuild();

        var result = await _harness.RunAsync(build, "Retrain", "--force");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Monitor", "Retrain", "Train"], build.Seen);
        Assert.True(build.SawForce);
    }

    [Fact]
    public async Task SkippedTargetsAreNotScheduledAndAConditionCanDependOnThem()
    {
        var skipped = await _harness.RunAsync(new ChainBuild(), "Retrain");
        var alone = new ChainBuild();
        await _harness.RunAsync(alone, "Train", "Monitor");
        var withoutRetrain = new ChainBuild();
        await _harness.RunAsync(withoutRetrain, "Retrain", "--skip", "Retrain");

        Assert.Equal(TargetStatus.Skipped, skipped.Of("Train").Status);
        Assert.Equal("Retrain is scheduled and says no", skipped.Of("Train").Reason);
        Assert.Equal(["Monitor", "Train"], alone.Seen.Order(StringComparer.Ordinal));
        Assert.False(alone.SawForce);
        Assert.Equal(["Monitor", "Train"], withoutRetrain.Seen);
    }

    /// <summary>Retrain's shape when Monitor fails on a degraded verdict: what the chain needs of Monitor (docs/retrain.md).</summary>
    private sealed class DegradedBuild(bool monitorProceeds) : TrainyardBuild
    {
        public List<string> Ran { get; } = [];

        public Target Monitor => _ => (monitorProceeds ? _.ProceedAfterFailure() : _).Executes(() => throw new TrainyardException("1 monitor gate(s) failed"));
        public Target Retrain => _ => _.DependsOn(Monitor).Triggers(Train).AssuredAfterFailure().Executes(() => Ran.Add(nameof(Retrain)));
        public Target Train => _ => _.Executes(() => Ran.Add(nameof(Train)));
    }

    [Fact]
    public async Task AChainTriggeredByAnAssuredTargetRunsAfterAFailedDependencyOnlyWhenThatProceedsAfterFailure()
    {
        var proceeds = new DegradedBuild(monitorProceeds: true);
        var stops = new DegradedBuild(monitorProceeds: false);

        var proceeded = await _harness.RunAsync(proceeds, "Retrain");
        var stopped = await _harness.RunAsync(stops, "Retrain");

        Assert.Equal(1, proceeded.ExitCode); // Monitor's failure still fails the build
        Assert.Equal(["Retrain", "Train"], proceeds.Ran);
        Assert.Equal(["Retrain"], stops.Ran);
        Assert.Equal("Monitor failed", stopped.Of("Train").Reason);
    }
}
