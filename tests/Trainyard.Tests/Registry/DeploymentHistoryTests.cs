using Trainyard.Registry;
using Trainyard.Tests.Registry.Distribution;

namespace Trainyard.Tests.Registry;

/// <summary>
/// What Rollback and Deployments read from the registry: the version production served before the current one, and
/// the deployment history — on both stores, since the history travels with the registry.
/// </summary>
[Collection(SharedRegistry.Name)]
public sealed class DeploymentHistoryTests(SharedRegistryFixture registryServer)
{
    static readonly CancellationToken None = CancellationToken.None;

    /// <summary>
    /// v1, v2 and v3 deployed in turn; a Rollback takes production back to v2, and a second one to v1 — not to v3,
    /// which the first rollback's own move left: a rollback's moves do not count as "the version before".
    /// </summary>
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task ASecondRollbackGoesOneVersionFurtherBack(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var registry = under.Registry(new HandClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
        foreach (var seed in new[] { "a", "b", "c" }) await registry.PublishAsync(TestModels.Package(under.Repository, seed), "ci", None);
        foreach (var version in new[] { "v1", "v2", "v3" })
            await registry.MoveAliasAsync(AliasName.Production, version, "CanaryDeploy: promoted", "ci", None, kind: "deploy");

        var first = ModelRegistry.VersionBefore(await registry.ReadHistoryAsync(None), "v3");
        await registry.MoveAliasAsync(AliasName.Production, first!, "Rollback: p99", "alice", None, kind: "rollback");
        var second = ModelRegistry.VersionBefore(await registry.ReadHistoryAsync(None), first!);
        await registry.MoveAliasAsync(AliasName.Production, second!, "Rollback: still p99", "alice", None, kind: "rollback");
        var third = ModelRegistry.VersionBefore(await registry.ReadHistoryAsync(None), second!);

        Assert.Equal(("v2", "v1", (string?)null), (first, second, third));
        Assert.Equal("v1", (await registry.FindAsync(AliasName.Production, None))?.Tag);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task DeploymentsAreKeptInOrderAndTheTagIsNoAlias(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var registry = under.Registry(new HandClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
        await registry.PublishAsync(TestModels.Package(under.Repository, "a"), "ci", None);
        var at = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        DeploymentRecord Record(string outcome, string verdict) => new()
        {
            Kind = "canary", Version = "v2", FromVersion = "v1", StartedAt = at, FinishedAt = at.AddSeconds(95),
            StepsPassed = 2, StepsPlanned = 4, Outcome = outcome, Verdict = verdict, Who = "ci",
        };

        await registry.RecordDeploymentAsync(Record("aborted", "step 3 (50%): success_rate 0.9700 < 0.9900"), None);
        await registry.RecordDeploymentAsync(Record("promoted", "promoted: 4 of 4 steps passed their checks"), None);
        var deployments = await registry.ReadDeploymentsAsync(None);

        Assert.Equal(["aborted", "promoted"], deployments.Select(d => d.Outcome));
        Assert.Equal(TimeSpan.FromSeconds(95), deployments[0].Duration);
        Assert.Null(deployments[0].Previous);
        Assert.NotNull(deployments[1].Previous);   // chained to the first entry's digest
        Assert.DoesNotContain(AliasName.DeploymentsTag, (await registry.ListAsync(None))[0].Aliases);
        Assert.Throws<TrainyardException>(() => AliasName.Require(AliasName.DeploymentsTag));
    }
}
