using Trainyard.Tests.Registry.Distribution;
using Trainyard.Registry;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Registry;

/// <summary>Moving aliases, the history that records each move, and "which version held this alias at time T".</summary>
[Collection(SharedRegistry.Name)]
public sealed class AliasTests(SharedRegistryFixture registryServer)
{
    static readonly CancellationToken None = CancellationToken.None;
    static readonly DateTimeOffset Start = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Three versions published on Oct 1, 09:00; each later step of the clock is set by the test.</summary>
    static async Task<(ModelRegistry Registry, HandClock Clock)> ThreeVersionsAsync(StoreUnderTest under)
    {
        var clock = new HandClock(Start);
        var registry = under.Registry(clock);
        foreach (var seed in new[] { "a", "b", "c" }) await registry.PublishAsync(TestModels.Package(under.Repository, seed), "ci", None);
        return (registry, clock);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task EachMoveIsRecordedWithWhoWhenFromToAndWhy(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var (registry, clock) = await ThreeVersionsAsync(under);
        var v1 = (await registry.FindAsync("v1", None))!;
        var v2 = (await registry.FindAsync("v2", None))!;

        clock.Now = Start.AddDays(1);
        await registry.MoveAliasAsync("production", "v1", "first model", "alice", None);
        clock.Now = Start.AddDays(2);
        var move = await registry.MoveAliasAsync("production", "v2", "beats v1 on October data", "bob", None);

        Assert.NotNull(move);
        var last = (await registry.ReadHistoryAsync(None)).Moves[^1];
        Assert.Equal(("production", "v1", v1.Digest, "v2", v2.Digest), (last.Alias, last.FromVersion, last.From, last.Version, last.To));
        Assert.Equal(("bob", Start.AddDays(2), "beats v1 on October data"), (last.Who, last.At, last.Reason));
        Assert.Equal(["production"], (await registry.FindAsync("v2", None))!.Aliases);
        Assert.Equal(v2.Digest, (await registry.FindAsync("production", None))!.Digest);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task TheHistoryAnswersWhichVersionHeldAnAliasAtATime(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var (registry, clock) = await ThreeVersionsAsync(under);
        clock.Now = new DateTimeOffset(2026, 10, 10, 8, 0, 0, TimeSpan.Zero);
        await registry.MoveAliasAsync("production", "v1", "first model", "alice", None);
        clock.Now = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        await registry.MoveAliasAsync("production", "v3", "retrained", "alice", None);
        clock.Now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        await registry.MoveAliasAsync("production", "v1", "rollback: v3 mis-scores new customers", "bob", None);

        var history = await registry.ReadHistoryAsync(None);

        Assert.Null(history.HolderAt("production", new DateTimeOffset(2026, 10, 10, 7, 59, 59, TimeSpan.Zero)));
        Assert.Equal("v1", history.HolderAt("production", new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero))!.Version);
        Assert.Equal("v3", history.HolderAt("production", new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero))!.Version);
        Assert.Equal("v3", history.HolderAt("production", new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero))!.Version);   // from the instant it moved
        Assert.Equal("v1", history.HolderAt("production", new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero))!.Version);
        Assert.Equal("v3", history.HolderAt("candidate", new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero))!.Version);
        Assert.Equal(["candidate", "production"], history.Aliases);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task MovingAnAliasToWhereItPointsRecordsNothing(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var (registry, _) = await ThreeVersionsAsync(under);
        await registry.MoveAliasAsync("staging", "v2", "try it", "alice", None);

        var again = await registry.MoveAliasAsync("staging", "v2", "try it again", "alice", None);

        Assert.Null(again);
        Assert.Single((await registry.ReadHistoryAsync(None)).Moves, m => m.Alias == "staging");
    }

    [Theory]
    [InlineData("production", "v9", "why", "has no version v9")]
    [InlineData("production", "7", "why", "not a version")]
    [InlineData("production", "v2", "  ", "needs a reason")]
    [InlineData("v2", "v2", "why", "versions never move")]
    [InlineData("Production", "v2", "why", "not an alias name")]
    [InlineData("history", "v2", "why", "alias history")]
    public async Task ABadMoveIsRefusedSayingWhatToFix(string alias, string version, string reason, string expected)
    {
        using var under = StoreUnderTest.Layout();
        var (registry, _) = await ThreeVersionsAsync(under);

        var refused = await Assert.ThrowsAsync<TrainyardException>(() => registry.MoveAliasAsync(alias, version, reason, "alice", None));

        Assert.Contains(expected, refused.Message);
        Assert.DoesNotContain(await under.Store.ListTagsAsync(under.Repository, None), t => t is "production" or "Production");
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task HistoryEntriesFormAHashChainAndADroppedEntryIsDetected(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var (registry, _) = await ThreeVersionsAsync(under);   // three candidate moves
        var head = OciManifest.Parse((await under.Store.ReadManifestAsync(under.Repository, "history", None))!.Content, "test");
        var moves = (await registry.ReadHistoryAsync(None)).Moves;

        Assert.Equal([null, head.Layers[0].Digest, head.Layers[1].Digest], moves.Select(m => m.Previous));
        // Each entry is stored under the sha256 of its own bytes, so it cannot change without changing the chain.
        var second = await under.Store.ReadBlobAsync(under.Repository, head.Layers[1], None);
        Assert.Equal(head.Layers[1].Digest, "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(second.Span)));

        // Someone rewrites the head without the middle entry.
        var edited = new OciManifest(head.Config, [head.Layers[0], head.Layers[2]], head.ArtifactType).ToBlob();
        await under.Store.PushManifestAsync(under.Repository, edited, "history", None);

        var broken = await Assert.ThrowsAsync<TrainyardException>(() => registry.ReadHistoryAsync(None));
        Assert.Contains("edited outside Trainyard", broken.Message);
        Assert.Contains(head.Layers[2].Digest, broken.Message);
    }
}
