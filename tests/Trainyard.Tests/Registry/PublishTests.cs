using Trainyard.Tests.Registry.Distribution;
using Trainyard.Registry;
using Trainyard.Runtime.Packaging;
using Trainyard.Registry.Layout;

namespace Trainyard.Tests.Registry;

/// <summary>Publishing versions: numbering, reuse of an unchanged model, races, interrupted pushes, immutability.</summary>
[Collection(SharedRegistry.Name)]
public sealed class PublishTests(SharedRegistryFixture registryServer)
{
    static readonly CancellationToken None = CancellationToken.None;

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task PublishingTheSameModelTwiceMakesOneVersion(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var registry = under.Registry();

        var first = await registry.PublishAsync(TestModels.Package(under.Repository, "a"), "alice", None);
        // Built again later: another creation time, so another manifest digest, but the same content key.
        var again = await registry.PublishAsync(TestModels.Package(under.Repository, "a", DateTimeOffset.UnixEpoch), "alice", None);

        Assert.False(first.Unchanged);
        Assert.True(again.Unchanged);
        Assert.Equal(1, again.Version.Number);
        Assert.Equal(first.Version.Digest, again.Version.Digest);
        Assert.Equal(["v1"], (await registry.ListAsync(None)).Select(v => v.Tag));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task ANewModelBecomesTheNextVersionAndTakesCandidate(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var registry = under.Registry();
        var a = TestModels.Package(under.Repository, "a");
        var b = TestModels.Package(under.Repository, "b");

        await registry.PublishAsync(a, "alice", None);
        var second = await registry.PublishAsync(b, "bob", None);

        Assert.Equal("v2", second.Version.Tag);
        Assert.Equal($"{under.Repository}:v2", second.Version.Reference);
        Assert.Equal($"{under.Repository}@{b.Digest}", second.Version.DigestReference);
        var versions = await registry.ListAsync(None);
        Assert.Equal([a.Digest, b.Digest], versions.Select(v => v.Digest));
        Assert.Equal([[], ["candidate"]], versions.Select(v => v.Aliases));
        var moves = (await registry.ReadHistoryAsync(None)).Moves;
        Assert.Equal(["candidate: (none) → v1", "candidate: v1 → v2"], moves.Select(m => m.Summary));
        Assert.Equal(["alice", "bob"], moves.Select(m => m.Who));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task TwoPublishesAtTheSameTimeGetDistinctNumbersAndLeaveTheStoreIntact(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        // Two registries over two store objects on the same storage, as two runs of Package would have.
        var one = new ModelRegistry(under.Store, under.Repository);
        var other = new ModelRegistry(under.OpenAnother(), under.Repository);
        var a = TestModels.Package(under.Repository, "a");
        var b = TestModels.Package(under.Repository, "b");

        var published = await Task.WhenAll(Task.Run(() => one.PublishAsync(a, "alice", None)), Task.Run(() => other.PublishAsync(b, "bob", None)));

        Assert.Equal([1, 2], published.Select(p => p.Version.Number).Order());
        Assert.All(published, p => Assert.False(p.Unchanged));
        var versions = await under.Registry().ListAsync(None);
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal(new[] { a.Digest, b.Digest }.Order(), versions.Select(v => v.Digest).Order());
        foreach (var version in versions)   // every blob of both packages reads back, digest checked
            foreach (var layer in (await under.Registry().ReadManifestAsync(version, None)).Layers)
                Assert.Equal(layer.Size, (await under.Store.ReadBlobAsync(under.Repository, layer, None)).Length);
        var moves = (await under.Registry().ReadHistoryAsync(None)).Moves;
        Assert.Equal(2, moves.Count);
        Assert.Equal(versions.Single(v => v.Aliases.Contains("candidate")).Digest, moves[^1].To);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task APushCutOffHalfwayLeavesNoVisibleVersionAndTheRetryCompletesIt(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var package = TestModels.Package(under.Repository, "a");
        var cut = new ModelRegistry(new InterruptedStore(under.Store, blobs: 2), under.Repository);

        var failure = await Assert.ThrowsAsync<IOException>(() => cut.PublishAsync(package, "alice", None));

        Assert.Contains("injected", failure.Message);
        Assert.True(await under.Store.HasBlobAsync(under.Repository, package.Layers[0].Descriptor.Digest, None));   // the half that went through
        Assert.Empty(await under.Registry().ListAsync(None));
        Assert.DoesNotContain(await under.Store.ListTagsAsync(under.Repository, None), tag => tag is "v1" or "candidate");

        var retried = await under.Registry().PublishAsync(package, "alice", None);

        Assert.Equal(("v1", false), (retried.Version.Tag, retried.Unchanged));
        Assert.Equal(["candidate"], (await under.Registry().FindAsync("v1", None))!.Aliases);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task APublishCutOffBetweenTheVersionTagAndCandidateIsFinishedByTheRetry(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var package = TestModels.Package(under.Repository, "a");
        // The version's manifest and tag go through; the history head (the next manifest) does not.
        var cut = new ModelRegistry(new InterruptedStore(under.Store, blobs: int.MaxValue, manifests: 1), under.Repository);

        await Assert.ThrowsAsync<IOException>(() => cut.PublishAsync(package, "alice", None));
        Assert.Empty((await under.Registry().FindAsync("v1", None))!.Aliases);

        var retried = await under.Registry().PublishAsync(package, "alice", None);

        Assert.True(retried.Unchanged);
        Assert.Equal(["candidate"], retried.Version.Aliases);
        Assert.Equal(["candidate"], (await under.Registry().FindAsync("v1", None))!.Aliases);
        Assert.Single((await under.Registry().ReadHistoryAsync(None)).Moves);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task AVersionTagAnotherRunWroteFirstIsNeverRepointed(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var registry = under.Registry();
        await registry.PublishAsync(TestModels.Package(under.Repository, "a"), "alice", None);
        // Another machine's publish landed v2 without this run seeing it in time: the tag is there before we claim.
        var theirs = TestModels.Package(under.Repository, "theirs");
        foreach (var blob in theirs.Layers.Append(theirs.Config)) await under.Store.PushBlobAsync(under.Repository, blob, None);
        await under.Store.PushManifestAsync(under.Repository, theirs.Manifest, "v2", None);

        var ours = await registry.PublishAsync(TestModels.Package(under.Repository, "b"), "bob", None);

        Assert.Equal("v3", ours.Version.Tag);
        Assert.Equal(theirs.Digest, (await under.Store.ReadManifestAsync(under.Repository, "v2", None))!.Descriptor.Digest);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task VersionsAreImmutableAndKeepTheirContent(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var registry = under.Registry();
        var a = TestModels.Package(under.Repository, "a");
        await registry.PublishAsync(a, "alice", None);
        await registry.PublishAsync(TestModels.Package(under.Repository, "b"), "alice", None);
        await registry.MoveAliasAsync("production", "v2", "better", "alice", None);

        var refused = await Assert.ThrowsAsync<TrainyardException>(() => registry.MoveAliasAsync("v1", "v2", "overwrite v1", "mallory", None));

        Assert.Contains("versions never move", refused.Message);
        var v1 = (await registry.FindAsync("v1", None))!;
        Assert.Equal(a.Digest, v1.Digest);
        var model = await registry.ReadFileAsync(v1, "model.json", None);
        Assert.Equal(a.Layers.Single(l => ModelRegistry.TitleOf(l.Descriptor) == "model.json").Content.ToArray(), model!.Value.ToArray());
    }

    [Fact]
    public async Task VersionNumbersAreNeverReusedEvenWhenATagDisappears()
    {
        using var under = StoreUnderTest.Layout();
        var registry = under.Registry();
        await registry.PublishAsync(TestModels.Package(under.Repository, "a"), "alice", None);
        await registry.PublishAsync(TestModels.Package(under.Repository, "b"), "alice", None);
        // Someone deletes the v2 tag by hand; the history still remembers v2.
        await LayoutIndex.UpdateAsync(Path.Combine(under.Folder!, under.Repository), "test",
            index => new OciIndex([.. index.Manifests.Where(m => OciIndex.TagOf(m) != "v2")]), None);

        var next = await registry.PublishAsync(TestModels.Package(under.Repository, "c"), "alice", None);

        Assert.Equal("v3", next.Version.Tag);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task APackageOfAnotherModelIsRefusedNamingBoth(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);

        var refused = await Assert.ThrowsAsync<TrainyardException>(() =>
            under.Registry().PublishAsync(TestModels.Package("penguins", "a"), "alice", None));

        Assert.Contains("'penguins'", refused.Message);
        Assert.Contains($"'{under.Repository}'", refused.Message);
    }
}
