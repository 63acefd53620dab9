using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Registry.Distribution;

[Collection(SharedRegistry.Name)]
public sealed class BlobTransferTests(SharedRegistryFixture registry)
{
    [Fact]
    public async Task ASmallBlobGoesUpInOnePutAndComesBackByteForByte()
    {
        using var traffic = new RegistryTraffic();
        using var store = registry.Server.NewStore(handler: traffic);
        var bytes = TestContent.Bytes(1000, seed: 1);
        var blob = OciBlobs.Create(TestContent.LayerType, bytes);

        Assert.False(await store.HasBlobAsync("credit-risk", blob.Descriptor.Digest, default));
        await store.PushBlobAsync("credit-risk", blob, default);

        Assert.True(await store.HasBlobAsync("credit-risk", TestContent.Sha256(bytes), default));
        var read = await store.ReadBlobAsync("credit-risk", blob.Descriptor, default);
        Assert.Equal(bytes, read.ToArray());
        // Monolithic: POST, then one PUT carrying the bytes and ?digest=; no PATCH.
        Assert.Empty(traffic.Sent("PATCH"));
        var put = Assert.Single(traffic.Sent("PUT"));
        Assert.Contains("digest=sha256%3A" + TestContent.Sha256(bytes)[7..], put.PathAndQuery);
        Assert.Equal(201, put.Status);
    }

    [Fact]
    public async Task ABlobAboveTheThresholdGoesUpInChunksWithContentRanges()
    {
        using var traffic = new RegistryTraffic();
        using var store = new Trainyard.Registry.Distribution.DistributionStore(registry.Server.PrefixUrl(), Trainyard.Registry.RegistryCredentials.None, traffic)
        {
            ChunkedUploadAbove = 1000, ChunkSize = 400,
        };
        var bytes = TestContent.Bytes(1000 + 1, seed: 2);
        var blob = OciBlobs.Create(TestContent.LayerType, bytes);

        await store.PushBlobAsync("credit-risk", blob, default);

        // 1001 bytes in chunks of 400: 0-399, 400-799, 800-1000 (inclusive ranges, as the spec writes them).
        Assert.Equal(["0-399", "400-799", "800-1000"], traffic.Sent("PATCH").Select(p => p.ContentRange));
        Assert.All(traffic.Sent("PATCH"), p => Assert.Equal(202, p.Status));
        Assert.Equal(201, Assert.Single(traffic.Sent("PUT")).Status);
        Assert.Equal(bytes, (await store.ReadBlobAsync("credit-risk", blob.Descriptor, default)).ToArray());
    }

    [Fact]
    public async Task ABlobAtTheThresholdStillGoesUpInOnePut()
    {
        using var traffic = new RegistryTraffic();
        using var store = new Trainyard.Registry.Distribution.DistributionStore(registry.Server.PrefixUrl(), Trainyard.Registry.RegistryCredentials.None, traffic)
        {
            ChunkedUploadAbove = 1000, ChunkSize = 400,
        };
        await store.PushBlobAsync("credit-risk", TestContent.Blob(1000, seed: 3), default);

        Assert.Empty(traffic.Sent("PATCH"));
        Assert.Single(traffic.Sent("PUT"));
    }

    [Fact]
    public async Task PushingABlobTheRepositoryHasUploadsNothing()
    {
        using var traffic = new RegistryTraffic();
        using var store = registry.Server.NewStore(handler: traffic);
        var blob = TestContent.Blob(500, seed: 4);
        await store.PushBlobAsync("credit-risk", blob, default);

        await store.PushBlobAsync("credit-risk", blob, default);

        Assert.Single(traffic.Sent("POST"));
        Assert.Equal(2, traffic.Sent("HEAD").Count);
    }

    [Fact]
    public async Task ABlobWhoseBytesDoNotMatchItsDigestIsRefusedByTheRegistryNamingTheDigest()
    {
        using var store = registry.Server.NewStore();
        var bytes = TestContent.Bytes(200, seed: 5);
        var otherDigest = TestContent.Sha256(TestContent.Bytes(200, seed: 6));
        var lying = new OciBlob(new OciDescriptor(TestContent.LayerType, otherDigest, bytes.Length), bytes);

        var error = await Assert.ThrowsAsync<TrainyardException>(() => store.PushBlobAsync("credit-risk", lying, default));

        Assert.StartsWith($"registry {store.Location}: push credit-risk blob {otherDigest}: 400 DIGEST_INVALID", error.Message);
        Assert.Contains("the package is corrupt", error.Message);
        Assert.False(await store.HasBlobAsync("credit-risk", otherDigest, default));
    }

    [Fact]
    public async Task ReadingABlobTheRegistryLacksIsAnErrorNamingTheDigest()
    {
        using var store = registry.Server.NewStore();
        await store.PushBlobAsync("credit-risk", TestContent.Blob(10, seed: 7), default);
        var missing = TestContent.Blob(10, seed: 8).Descriptor;

        var error = await Assert.ThrowsAsync<TrainyardException>(() => store.ReadBlobAsync("credit-risk", missing, default));

        Assert.Equal($"registry {store.Location}: read credit-risk blob {missing.Digest}: 404 BLOB_UNKNOWN blob unknown to registry ({missing.Digest})"
            + " — the registry does not have it: push the model again", error.Message);
    }
}
