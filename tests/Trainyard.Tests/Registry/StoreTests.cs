using Trainyard.Tests.Registry.Distribution;
using System.Security.Cryptography;
using System.Text;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Registry;

/// <summary>What every store does the same way: blobs by digest, manifests with tags, tag listing, the lock.</summary>
[Collection(SharedRegistry.Name)]
public sealed class StoreTests(SharedRegistryFixture registryServer)
{
    static readonly CancellationToken None = CancellationToken.None;

    static OciBlob Blob(string text) => OciBlobs.Create("application/octet-stream", Encoding.UTF8.GetBytes(text));

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task ABlobIsStoredUnderTheSha256OfItsBytes(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var blob = Blob("the model");
        // Independently: sha256 of the UTF-8 bytes of "the model".
        var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData("the model"u8));

        await under.Store.PushBlobAsync(under.Repository, blob, None);
        await under.Store.PushBlobAsync(under.Repository, blob, None);   // again: nothing to do

        Assert.Equal(expected, blob.Descriptor.Digest);
        Assert.True(await under.Store.HasBlobAsync(under.Repository, expected, None));
        Assert.Equal("the model", Encoding.UTF8.GetString((await under.Store.ReadBlobAsync(under.Repository, blob.Descriptor, None)).Span));
        Assert.False(await under.Store.HasBlobAsync(under.Repository, Blob("another").Descriptor.Digest, None));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task AMissingBlobIsAnErrorNamingItsDigest(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        await under.Store.PushBlobAsync(under.Repository, Blob("present"), None);
        var missing = Blob("never pushed").Descriptor;

        var refused = await Assert.ThrowsAsync<TrainyardException>(() => under.Store.ReadBlobAsync(under.Repository, missing, None));

        Assert.Contains(missing.Digest, refused.Message);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task AManifestNamingABlobTheStoreLacksIsRefused(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var config = Blob("{}");
        var layer = Blob("layer never pushed");
        await under.Store.PushBlobAsync(under.Repository, config, None);
        var manifest = new OciManifest(config.Descriptor, [layer.Descriptor]).ToBlob();

        var refused = await Assert.ThrowsAsync<TrainyardException>(() => under.Store.PushManifestAsync(under.Repository, manifest, "v1", None));

        Assert.Contains(layer.Descriptor.Digest, refused.Message);
        Assert.Null(await under.Store.ReadManifestAsync(under.Repository, "v1", None));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task TagsNameManifestsAndMoveWhenWrittenAgain(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        Assert.Empty(await under.Store.ListTagsAsync(under.Repository, None));   // a repository that does not exist yet
        var (first, second) = (await ManifestAsync(under, "one"), await ManifestAsync(under, "two"));

        await under.Store.PushManifestAsync(under.Repository, first, "v1", None);
        await under.Store.PushManifestAsync(under.Repository, first, "production", None);
        await under.Store.PushManifestAsync(under.Repository, second, "v2", None);
        await under.Store.PushManifestAsync(under.Repository, second, "production", None);

        Assert.Equal(["production", "v1", "v2"], (await under.Store.ListTagsAsync(under.Repository, None)).Order(StringComparer.Ordinal));
        Assert.Equal(first.Descriptor.Digest, (await under.Store.ReadManifestAsync(under.Repository, "v1", None))!.Descriptor.Digest);
        var production = (await under.Store.ReadManifestAsync(under.Repository, "production", None))!;
        Assert.Equal(second.Descriptor.Digest, production.Descriptor.Digest);
        Assert.Equal(second.Content.ToArray(), production.Content.ToArray());
        Assert.Equal(first.Content.ToArray(), (await under.Store.ReadManifestAsync(under.Repository, first.Descriptor.Digest, None))!.Content.ToArray());
        Assert.Null(await under.Store.ReadManifestAsync(under.Repository, "staging", None));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task TheLockIsExclusiveUntilDisposed(string kind)
    {
        using var under = StoreKinds.Create(kind, registryServer);
        var other = under.OpenAnother();
        var held = await under.Store.LockAsync(under.Repository, None);

        using var briefly = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => other.LockAsync(under.Repository, briefly.Token));
        await held.DisposeAsync();

        using var soon = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var second = await other.LockAsync(under.Repository, soon.Token);
        Assert.NotNull(second);
    }

    static async Task<OciBlob> ManifestAsync(StoreUnderTest under, string text)
    {
        var (config, layer) = (Blob("{\"model\":\"" + text + "\"}"), Blob(text));
        await under.Store.PushBlobAsync(under.Repository, config, None);
        await under.Store.PushBlobAsync(under.Repository, layer, None);
        return new OciManifest(config.Descriptor, [layer.Descriptor]).ToBlob();
    }
}
