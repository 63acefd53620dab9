using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Registry.Distribution;

[Collection(SharedRegistry.Name)]
public sealed class ManifestTests(SharedRegistryFixture registry)
{
    [Fact]
    public async Task AManifestPutByTagIsReadBackByTagAndByDigestWithTheSameBytes()
    {
        using var store = registry.Server.NewStore();
        var package = TestContent.Package(seed: 10);
        var (manifest, _, layer) = package;

        await package.PushAsync(store, "v1");

        var expectedDigest = TestContent.Sha256(manifest.Content.Span);
        foreach (var reference in new[] { "v1", expectedDigest })
        {
            var read = await store.ReadManifestAsync("credit-risk", reference, default);
            Assert.NotNull(read);
            Assert.Equal(manifest.Content.ToArray(), read.Content.ToArray());
            Assert.Equal(expectedDigest, read.Descriptor.Digest);
            Assert.Equal(OciManifest.MediaTypeName, read.Descriptor.MediaType);
            Assert.Equal(TestContent.ArtifactType, read.Descriptor.ArtifactType);
            Assert.Equal(manifest.Content.Length, read.Descriptor.Size);
        }
        var parsed = OciManifest.Parse((await store.ReadManifestAsync("credit-risk", "v1", default))!.Content, "test");
        Assert.Equal(layer.Descriptor.Digest, Assert.Single(parsed.Layers).Digest);
    }

    [Fact]
    public async Task AManifestPutWithoutATagIsStoredUnderItsDigestOnly()
    {
        using var store = registry.Server.NewStore();
        var package = TestContent.Package(seed: 11);

        await package.PushAsync(store, tag: null);

        Assert.NotNull(await store.ReadManifestAsync("credit-risk", package.Manifest.Descriptor.Digest, default));
        Assert.Empty(await store.ListTagsAsync("credit-risk", default));
    }

    [Fact]
    public async Task AnUnknownTagOrDigestReadsAsNull()
    {
        using var store = registry.Server.NewStore();
        Assert.Null(await store.ReadManifestAsync("credit-risk", "v1", default)); // no repository yet
        await TestContent.Package(seed: 12).PushAsync(store, "v1");

        Assert.Null(await store.ReadManifestAsync("credit-risk", "v2", default));
        Assert.Null(await store.ReadManifestAsync("credit-risk", TestContent.Sha256([1, 2, 3]), default));
    }

    [Fact]
    public async Task AManifestWhoseBlobsAreMissingIsRefusedSayingToPushThemFirst()
    {
        using var store = registry.Server.NewStore();
        var (manifest, config, _) = TestContent.Package(seed: 13);
        await store.PushBlobAsync("credit-risk", config, default);

        var error = await Assert.ThrowsAsync<TrainyardException>(() => store.PushManifestAsync("credit-risk", manifest, "v3", default));

        Assert.StartsWith($"registry {store.Location}: push credit-risk manifest v3: 400 MANIFEST_BLOB_UNKNOWN", error.Message);
        Assert.EndsWith("push the blobs first", error.Message);
        Assert.Null(await store.ReadManifestAsync("credit-risk", "v3", default));
    }

    [Fact]
    public async Task ATagThatIsNeitherATagNorADigestIsRefusedBeforeAnythingIsSent()
    {
        using var traffic = new RegistryTraffic();
        using var store = registry.Server.NewStore(handler: traffic);

        var error = await Assert.ThrowsAsync<TrainyardException>(() => store.ReadManifestAsync("credit-risk", "../../v2", default));

        Assert.Contains("'../../v2' is neither a tag", error.Message);
        Assert.Empty(traffic.Exchanges);
    }
}
