using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Trainyard.Registry;
using Trainyard.Runtime.Packaging;
using Trainyard.Registry.Layout;

namespace Trainyard.Tests.Registry;

/// <summary>The embedded store's own promises: the image-layout format on disk, refusing damage, the OS lock, garbage collection.</summary>
public sealed class LayoutStoreTests : IDisposable
{
    static readonly CancellationToken None = CancellationToken.None;
    readonly StoreUnderTest _under = StoreUnderTest.Layout();

    string Layout => Path.Combine(_under.Folder!, _under.Repository);

    public void Dispose() => _under.Dispose();

    [Fact]
    public async Task TheFolderIsAnOciImageLayoutWithTagsAsRefNameAnnotations()
    {
        var package = TestModels.Package(_under.Repository, "a");
        await _under.Registry().PublishAsync(package, "alice", None);

        using var marker = JsonDocument.Parse(File.ReadAllText(Path.Combine(Layout, "oci-layout")));
        Assert.Equal("1.0.0", marker.RootElement.GetProperty("imageLayoutVersion").GetString());
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(Layout, "index.json")));
        Assert.Equal(2, index.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("application/vnd.oci.image.index.v1+json", index.RootElement.GetProperty("mediaType").GetString());
        var tags = index.RootElement.GetProperty("manifests").EnumerateArray().ToDictionary(
            m => m.GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString()!,
            m => (Digest: m.GetProperty("digest").GetString(), MediaType: m.GetProperty("mediaType").GetString()));
        Assert.Equal(["candidate", "history", "v1"], tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((package.Digest, "application/vnd.oci.image.manifest.v1+json"), tags["v1"]);
        Assert.Equal(package.Digest, tags["candidate"].Digest);

        // Every file in blobs/sha256 is named by the sha256 of its bytes, and the package's blobs are all there.
        var files = Directory.GetFiles(Path.Combine(Layout, "blobs", "sha256"));
        Assert.All(files, f => Assert.Equal(Path.GetFileName(f), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))));
        var names = files.Select(Path.GetFileName).ToHashSet();
        Assert.All(package.Layers.Append(package.Config).Append(package.Manifest), b => Assert.Contains(b.Descriptor.Digest["sha256:".Length..], names));
    }

    [Fact]
    public async Task TheModelServersLoaderReadsAVersionStraightFromTheRegistryFolder()
    {
        var registry = _under.Registry();
        await registry.PublishAsync(TestModels.Package(_under.Repository, "a"), "alice", None);
        var v2 = TestModels.Package(_under.Repository, "b");
        await registry.PublishAsync(v2, "alice", None);
        await registry.MoveAliasAsync("production", "v2", "better", "alice", None);

        var loaded = await ModelPackage.LoadAsync(Layout, "production", None);

        Assert.Equal(ModelPackage.ReadMetadata(v2.Config, "test").ContentKey, loaded.Metadata.ContentKey);
        Assert.Equal(v2.Layers.Single(l => ModelRegistry.TitleOf(l.Descriptor) == "model.json").Content.ToArray(), loaded.File("model.json").ToArray());
    }

    [Theory]
    [InlineData("a changed byte", "has digest")]
    [InlineData("a truncated file", "bytes but its descriptor says")]
    public async Task ADamagedBlobIsRefusedNamingTheDigest(string damage, string expected)
    {
        var package = TestModels.Package(_under.Repository, "a");
        await _under.Registry().PublishAsync(package, "alice", None);
        var model = package.Layers.Single(l => ModelRegistry.TitleOf(l.Descriptor) == "model.json").Descriptor;
        var path = Path.Combine(Layout, "blobs", "sha256", model.Digest["sha256:".Length..]);
        var bytes = File.ReadAllBytes(path);
        if (damage == "a changed byte") bytes[5] ^= 0x01;
        else bytes = bytes[..^3];
        File.WriteAllBytes(path, bytes);

        var refused = await Assert.ThrowsAsync<TrainyardException>(() => _under.Store.ReadBlobAsync(_under.Repository, model, None));

        Assert.Contains(model.Digest, refused.Message);
        Assert.Contains(expected, refused.Message);
        Assert.Contains(_under.Store.Location, refused.Message);
    }

    [Fact]
    public async Task ALockHeldByAKilledProcessIsReleasedByTheOperatingSystem()
    {
        Directory.CreateDirectory(Layout);
        var lockFile = Path.Combine(Layout, OciLayoutStore.LockFile);
        // flock(1) takes the same kind of OS lock .NET takes for FileShare.None on Linux, then sleeps holding it.
        using var holder = Process.Start(new ProcessStartInfo("flock", [lockFile, "sleep", "60"]) { RedirectStandardError = true })!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(lockFile) && DateTime.UtcNow < deadline) await Task.Delay(20);
        await Task.Delay(200);   // flock(1) creates the file, then locks it

        using var briefly = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _under.Store.LockAsync(_under.Repository, briefly.Token));

        holder.Kill(entireProcessTree: true);
        await holder.WaitForExitAsync();
        using var soon = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var held = await _under.Store.LockAsync(_under.Repository, soon.Token);
        Assert.True(File.Exists(lockFile));
    }

    [Fact]
    public async Task GarbageCollectionDeletesWhatNoTagReachesAndKeepsEverythingElse()
    {
        var registry = _under.Registry();
        await registry.PublishAsync(TestModels.Package(_under.Repository, "a"), "alice", None);
        await registry.PublishAsync(TestModels.Package(_under.Repository, "b"), "alice", None);
        await registry.MoveAliasAsync("production", "v1", "first", "alice", None);
        var cut = TestModels.Package(_under.Repository, "cut off");
        await Assert.ThrowsAsync<IOException>(() => new ModelRegistry(new InterruptedStore(_under.Store, blobs: 2), _under.Repository).PublishAsync(cut, "alice", None));
        var orphan = OciBlobs.Create("application/octet-stream", "nobody points here"u8.ToArray());
        await _under.Store.PushBlobAsync(_under.Repository, orphan, None);

        var collected = await registry.CollectGarbageAsync(None);

        Assert.False(await _under.Store.HasBlobAsync(_under.Repository, orphan.Descriptor.Digest, None));
        Assert.False(await _under.Store.HasBlobAsync(_under.Repository, cut.Layers[0].Descriptor.Digest, None));
        // The orphan, the cut-off push's featurizer.json (its metrics.json, the second blob it pushed, has the same bytes
        // as the published versions' and stays), and the first two of the three history heads (candidate v1,
        // candidate v2, production v1), each replaced by the next.
        Assert.Equal(1 + 1 + 2, collected.Deleted);
        foreach (var version in await registry.ListAsync(None))
            foreach (var layer in (await registry.ReadManifestAsync(version, None)).Layers)
                Assert.Equal(layer.Size, (await _under.Store.ReadBlobAsync(_under.Repository, layer, None)).Length);
        Assert.Equal(3, (await registry.ReadHistoryAsync(None)).Moves.Count);
        Assert.Equal(0, (await registry.CollectGarbageAsync(None)).Deleted);
        Assert.Equal(collected.Kept, Directory.GetFiles(Path.Combine(Layout, "blobs", "sha256")).Length);
    }

    [Fact]
    public async Task GarbageCollectionWaitsForTheLockSoItNeverRacesAPublish()
    {
        var orphan = OciBlobs.Create("application/octet-stream", "about to be tagged"u8.ToArray());
        await _under.Store.PushBlobAsync(_under.Repository, orphan, None);
        var held = await _under.Store.LockAsync(_under.Repository, None);

        var collecting = _under.Registry().CollectGarbageAsync(None);
        await Task.Delay(300);

        Assert.False(collecting.IsCompleted);
        Assert.True(await _under.Store.HasBlobAsync(_under.Repository, orphan.Descriptor.Digest, None));
        await held.DisposeAsync();
        Assert.Equal(1, (await collecting).Deleted);
    }
}
