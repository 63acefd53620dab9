using Trainyard.Registry;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Registry.Distribution;

/// <summary>A registry that dies mid-push, one that is not there, and one whose stored bytes were changed.</summary>
public sealed class RegistryFaultTests : IAsyncLifetime
{
    static readonly DistributionRetry Quick = new(3, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50));
    RegistryServer? _server;

    RegistryServer Server => _server!;

    public async Task InitializeAsync() => _server = await RegistryServer.StartLocalAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    [Fact]
    public async Task ARegistryKilledBetweenChunksFailsThePushClearlyShowsNoTagAndARetryAfterRestartCompletesIt()
    {
        using var traffic = new RegistryTraffic();
        using var store = ChunkingStore(traffic);
        var (manifest, config, layer) = Package(layerSize: 1000);
        var patches = 0;
        traffic.BeforeSend = async request =>
        {
            if (request.Method == HttpMethod.Patch && ++patches == 2) await Server.StopAsync();
        };

        var error = await Assert.ThrowsAsync<TrainyardException>(() => PushAsync(store, manifest, config, layer));

        var port = Server.Url.Port;
        Assert.StartsWith($"registry {store.Location}: push credit-risk blob {layer.Descriptor.Digest}: could not connect (", error.Message);
        Assert.Contains($"at http://127.0.0.1:{port}/v2/", error.Message);
        Assert.EndsWith("(gave up after 3 attempts) — check that the registry is running and the URL is right, then run again", error.Message);

        traffic.BeforeSend = null;
        await Server.RestartAsync();
        Assert.Empty(await store.ListTagsAsync("credit-risk", default));
        Assert.Null(await store.ReadManifestAsync("credit-risk", "v1", default));

        await PushAsync(store, manifest, config, layer);

        Assert.Equal(["v1"], await store.ListTagsAsync("credit-risk", default));
        var read = await store.ReadManifestAsync("credit-risk", "v1", default);
        Assert.Equal(manifest.Descriptor.Digest, read!.Descriptor.Digest);
        Assert.Equal(layer.Content.ToArray(), (await store.ReadBlobAsync("credit-risk", layer.Descriptor, default)).ToArray());
    }

    [Fact]
    public async Task ARegistryKilledAfterTheBlobsBeforeTheManifestShowsNoTagAndTheRetryUploadsNoBlobAgain()
    {
        using var traffic = new RegistryTraffic();
        using var store = ChunkingStore(traffic);
        var (manifest, config, layer) = Package(layerSize: 500);
        traffic.BeforeSend = async request =>
        {
            if (request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.Contains("/manifests/")) await Server.StopAsync();
        };

        var error = await Assert.ThrowsAsync<TrainyardException>(() => PushAsync(store, manifest, config, layer));
        Assert.StartsWith($"registry {store.Location}: push credit-risk manifest v1: could not connect", error.Message);

        traffic.BeforeSend = null;
        await Server.RestartAsync();
        Assert.Empty(await store.ListTagsAsync("credit-risk", default));
        traffic.Exchanges.Clear();

        await PushAsync(store, manifest, config, layer);

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
        var (manifest, config, layer) = Package(layerSize: 100);
        Task? restart = null;
        traffic.BeforeSend = async request =>
        {
            if (restart is not null || request.Method != HttpMethod.Put || !request.RequestUri!.AbsolutePath.Contains("/manifests/")) return;
            await Server.StopAsync();
            restart = Task.Run(async () => { await Task.Delay(300); await Server.RestartAsync(); });
        };

        await PushAsync(store, manifest, config, layer);
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

    [Fact]
    public async Task ABlobChangedInTheRegistrysStorageIsRefusedOnReadNamingBothDigests()
    {
        using var store = Server.NewStore();
        var layer = TestContent.Blob(300, seed: 70);
        await store.PushBlobAsync("credit-risk", layer, default);
        var tampered = Tamper(layer.Descriptor.Digest, bytes => bytes[0] ^= 0xFF);

        var error = await Assert.ThrowsAsync<TrainyardException>(() => store.ReadBlobAsync("credit-risk", layer.Descriptor, default));

        Assert.Equal($"registry {store.Location}: read credit-risk blob {layer.Descriptor.Digest}: the registry sent 300 bytes hashing to"
            + $" {TestContent.Sha256(tampered)}, not the 300 bytes of {layer.Descriptor.Digest} — its copy is damaged or was replaced: push the model again",
            error.Message);
    }

    [Fact]
    public async Task AManifestChangedInTheRegistrysStorageIsRefusedOnReadByTagAndByDigest()
    {
        using var store = Server.NewStore();
        var (manifest, config, layer) = Package(layerSize: 50);
        await PushAsync(store, manifest, config, layer);
        // Still valid JSON (the registry parses manifests it serves): one letter of the artifact type changed.
        var tampered = Tamper(manifest.Descriptor.Digest, bytes => ReplaceOnce(bytes, "test.v1"u8, "test.v2"u8));

        foreach (var reference in new[] { "v1", manifest.Descriptor.Digest })
        {
            var error = await Assert.ThrowsAsync<TrainyardException>(() => store.ReadManifestAsync("credit-risk", reference, default));
            Assert.Equal($"registry {store.Location}: read credit-risk manifest {reference}: the manifest's bytes hash to {TestContent.Sha256(tampered)},"
                + $" not to {manifest.Descriptor.Digest} — the registry's copy is damaged or was replaced: push the model again", error.Message);
        }
    }

    DistributionStore ChunkingStore(RegistryTraffic traffic) =>
        new(Server.PrefixUrl(), RegistryCredentials.None, traffic) { ChunkedUploadAbove = 200, ChunkSize = 200, Retry = Quick };

    static (OciBlob Manifest, OciBlob Config, OciBlob Layer) Package(int layerSize)
    {
        var config = TestContent.Blob(40, seed: 80, TestContent.ConfigType);
        var layer = TestContent.Blob(layerSize, seed: 81);
        return (new OciManifest(config.Descriptor, [layer.Descriptor], TestContent.ArtifactType).ToBlob(), config, layer);
    }

    static async Task PushAsync(DistributionStore store, OciBlob manifest, OciBlob config, OciBlob layer)
    {
        await store.PushBlobAsync("credit-risk", config, default);
        await store.PushBlobAsync("credit-risk", layer, default);
        await store.PushManifestAsync("credit-risk", manifest, "v1", default);
    }

    /// <summary>Changes a blob in the filesystem driver's layout (<c>blobs/sha256/ab/abcd…/data</c>); returns the new bytes.</summary>
    byte[] Tamper(string digest, Action<byte[]> change)
    {
        var hex = digest["sha256:".Length..];
        var path = Path.Combine(Server.StorageDirectory, "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
        var bytes = File.ReadAllBytes(path);
        change(bytes);
        File.WriteAllBytes(path, bytes);
        return bytes;
    }

    static void ReplaceOnce(byte[] bytes, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        var at = bytes.AsSpan().IndexOf(from);
        Assert.True(at >= 0);
        to.CopyTo(bytes.AsSpan(at));
    }
}
