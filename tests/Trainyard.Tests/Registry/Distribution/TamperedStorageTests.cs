namespace Trainyard.Tests.Registry.Distribution;

/// <summary>Bytes changed in the registry's own storage are caught on read: the store checks every digest it is sent.</summary>
public sealed class TamperedStorageTests : LocalRegistryTests
{
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
        var package = TestContent.Package(seed: 71, layerSize: 50);
        await package.PushAsync(store, "v1");
        var manifest = package.Manifest;
        // Still valid JSON (the registry parses manifests it serves): one letter of the artifact type changed.
        var tampered = Tamper(manifest.Descriptor.Digest, bytes => ReplaceOnce(bytes, "test.v1"u8, "test.v2"u8));

        foreach (var reference in new[] { "v1", manifest.Descriptor.Digest })
        {
            var error = await Assert.ThrowsAsync<TrainyardException>(() => store.ReadManifestAsync("credit-risk", reference, default));
            Assert.Equal($"registry {store.Location}: read credit-risk manifest {reference}: the manifest's bytes hash to {TestContent.Sha256(tampered)},"
                + $" not to {manifest.Descriptor.Digest} — the registry's copy is damaged or was replaced: push the model again", error.Message);
        }
    }

    [Fact]
    public async Task AManifestTheRegistryCannotParseIsRetriedThenReportedAsTheRegistryFailing()
    {
        using var traffic = new RegistryTraffic();
        using var store = Server.NewStore(handler: traffic);
        var package = TestContent.Package(seed: 72, layerSize: 50);
        await package.PushAsync(store, "v1");
        // No longer JSON: distribution parses a manifest before serving it and answers 500 UNKNOWN.
        Tamper(package.Manifest.Descriptor.Digest, bytes => bytes[0] = (byte)'#');
        traffic.Exchanges.Clear();

        var error = await Assert.ThrowsAsync<TrainyardException>(() => store.ReadManifestAsync("credit-risk", "v1", default));

        Assert.StartsWith($"registry {store.Location}: read credit-risk manifest v1: 500 UNKNOWN", error.Message);
        Assert.EndsWith($"at {Server.Url.AbsoluteUri}v2{new Uri(store.Location).AbsolutePath}/credit-risk/manifests/v1 (gave up after 3 attempts)"
            + " — the registry is failing: see its logs, then run again", error.Message);
        Assert.Equal([500, 500, 500], traffic.Sent("GET").Select(e => e.Status));
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
