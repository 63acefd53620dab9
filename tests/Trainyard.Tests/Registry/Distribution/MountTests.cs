using Trainyard.Registry;

namespace Trainyard.Tests.Registry.Distribution;

[Collection(SharedRegistry.Name)]
public sealed class MountTests(SharedRegistryFixture registry)
{
    [Fact]
    public async Task ABlobInAnotherRepositoryIsMountedNotUploaded()
    {
        using var traffic = new RegistryTraffic();
        using var store = registry.Server.NewStore(handler: traffic);
        var blob = TestContent.Blob(2000, seed: 30);
        await store.PushBlobAsync("credit-risk", blob, default);
        traffic.Exchanges.Clear();

        var mounted = await store.PushBlobAsync("credit-risk-shadow", blob, mountFrom: "credit-risk", default);

        Assert.True(mounted);
        var post = Assert.Single(traffic.Sent("POST"));
        Assert.Contains($"/credit-risk-shadow/blobs/uploads/?mount={blob.Descriptor.Digest}&from=", post.PathAndQuery);
        Assert.Equal(201, post.Status);
        Assert.Empty(traffic.Sent("PUT"));
        Assert.Equal(TestContent.Bytes(2000, seed: 30), (await store.ReadBlobAsync("credit-risk-shadow", blob.Descriptor, default)).ToArray());
    }

    [Fact]
    public async Task AStoreMountsFromWhereItLastSawTheBlob()
    {
        using var traffic = new RegistryTraffic();
        using var store = registry.Server.NewStore(handler: traffic);
        var blob = TestContent.Blob(100, seed: 31);
        await store.PushBlobAsync("penguins", blob, default);

        Assert.True(await store.PushBlobAsync("ames", blob, mountFrom: null, default));
        Assert.Contains(traffic.Sent("POST"), p => p.PathAndQuery.Contains("/ames/blobs/uploads/?mount=", StringComparison.Ordinal) && p.Status == 201);
    }

    [Fact]
    public async Task AMountTheRegistryDeclinesFallsBackToAnUpload()
    {
        using var traffic = new RegistryTraffic();
        using var store = registry.Server.NewStore(handler: traffic);
        var blob = TestContent.Blob(100, seed: 32);

        // The source repository does not have the blob: the registry answers 202 and an upload session.
        var mounted = await store.PushBlobAsync("credit-risk", blob, mountFrom: "elsewhere", default);

        Assert.False(mounted);
        Assert.Equal(202, Assert.Single(traffic.Sent("POST")).Status);
        Assert.Equal(201, Assert.Single(traffic.Sent("PUT")).Status);
        Assert.True(await store.HasBlobAsync("credit-risk", blob.Descriptor.Digest, default));
    }
}
