using Trainyard.Registry;
using Trainyard.Registry.Distribution;

namespace Trainyard.Tests.Registry.Distribution;

/// <summary>A registry that dies mid-push, one that comes back while the store backs off, and one that is not there.</summary>
public sealed class RegistryFaultTests : LocalRegistryTests
{
    static readonly DistributionRetry Quick = new(3, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50));
    [Fact]
    public async Task ARegistryKilledBetweenChunksFailsThePushClearlyShowsNoTagAndARetryAfterRestartCompletesIt()
    {
        using var traffic = new RegistryTraffic();
        using var store = ChunkingStore(traffic);
        var package = TestContent.Package(seed: 80, layerSize: 1000);
        var patches = 0;
        traffic.BeforeSend = async request =>
        {
            if (request.Method == HttpMethod.Patch && ++patches == 2) await Server.StopAsync();
        };

        var error = await Assert.ThrowsAsync<TrainyardException>(() => package.PushAsync(store, "v1"));

        var port = Server.Url.Port;
        Assert.StartsWith($"registry {store.Location}: push credit-risk blob {package.Layer.Descriptor.Digest}: could not connect (", error.Message);
        Assert.Contains($"at http://127.0.0.1:{port}/v2/", error.Message);
        Assert.EndsWith("(gave up after 3 attempts) — check that the registry is running and the URL is right, then run again", error.Message);

        traffic.BeforeSend = null;
        await Server.RestartAsync();
        Assert.Empty(await store.ListTagsAsync("credit-risk", default));
        Assert.Null(await store.ReadManifestAsync("credit-risk", "v1", default));

        await package.PushAsync(store, "v1");

        Assert.Equal(["v1"], await store.ListTagsAsync("credit-risk", default));
        var read = await store.ReadManifestAsync("credit-risk", "v1", default);
        Assert.Equal(package.Manifest.Descriptor.Digest, read!.Descriptor.Digest);
        Assert.Equal(package.Layer.Content.ToArray(), (await store.ReadBlobAsync("credit-risk", package.Layer.Descriptor, default)).ToArray());
    }

    [Fact]
    public async Task ARegistryKilledAfterTheBlobsBeforeTheManifestShowsNoTagAndTheRetryUploadsNoBlobAgain()
    {
        using var traffic = new RegistryTraffic();
        using var store = ChunkingStore(traffic);
        var package = TestContent.Package(seed: 81, layerSize: 500);
        traffic.BeforeSend = async request =>
        {
            if (request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.Contains("/manifests/")) await Server.StopAsync();
        };

        var error = await Assert.ThrowsAsync<TrainyardException>(() => package.PushAsync(store, "v1"));
        Assert.StartsWith($"registry {store.Location}: push credit-risk manifest v1: could not connect", error.Message);

        traffic.BeforeSend = null;
        await Server.RestartAsync();
        Assert.Empty(await store.ListTagsAsync("credit-risk", default));
        traffic.Exchanges.Clear();

        await package.PushAsync(store, "v1");

        Assert.Empty(traffic.Sent("POST")); // both blobs were already there
        Assert.Equal(["v1"], await store.ListTagsAsync("credit-risk", default));
    }

    [Fact]
    public async Task ARegistryBackWithinTheBackoffLetsThePushFinishOnItsOwn()
    {
        using var traffic = new RegistryTraffic();
        using var store = new DistributionStore(Server.PrefixUrl(), RegistryCredentials.None, traffic)
        {
            Retry = new DistributionRetry(8, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2)),
        };
        var package = TestContent.Package(seed: 82, layerSize: 100);
        Task? restart = null;
        traffic.BeforeSend = async request =>
        {
            if (restart is not null || request.Method != HttpMethod.Put || !request.RequestUri!.AbsolutePath.Contains("/manifests/")) return;
            await Server.StopAsync();
            restart = Task.Run(async () => { await Task.Delay(300); await Server.RestartAsync(); });
        };

        await package.PushAsync(store, "v1");
        await restart!;

        Assert.Contains(traffic.Sent("PUT"), e => e.PathAndQuery.EndsWith("/manifests/v1", StringComparison.Ordinal) && e.Status == 0);
        Assert.Equal(["v1"], await store.ListTagsAsync("credit-risk", default));
    }

    [Fact]
    public async Task AnUnreachableRegistryIsAClearErrorNamingTheUrlTried()
    {
        var port = RegistryServer.FreePort(); // nothing listens there
        using var store = new DistributionStore(new Uri($"http://127.0.0.1:{port}/models"), RegistryCredentials.None) { Retry = Quick };

        var error = await Assert.ThrowsAsync<TrainyardException>(() => store.ListTagsAsync("credit-risk", default));

        Assert.StartsWith($"registry http://127.0.0.1:{port}/models: list credit-risk tags: could not connect (", error.Message);
        Assert.Contains($") at http://127.0.0.1:{port}/v2/models/credit-risk/tags/list (gave up after 3 attempts)", error.Message);
    }

    DistributionStore ChunkingStore(RegistryTraffic traffic) =>
        new(Server.PrefixUrl(), RegistryCredentials.None, traffic) { ChunkedUploadAbove = 200, ChunkSize = 200, Retry = Quick };

}
