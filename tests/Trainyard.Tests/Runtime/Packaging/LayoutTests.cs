using System.Diagnostics;
using System.Text.Json;
using Trainyard.Runtime;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Runtime.Packaging;

/// <summary>Packages in OCI image layout folders on disk: what the model server loads and the registry's embedded store keeps.</summary>
public sealed class LayoutTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "trainyard-layout-" + Guid.NewGuid().ToString("N"));
    string Layout => Path.Combine(_folder, "credit-risk");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AnExportedPackageLoadsBackByTagAndByDigest()
    {
        var package = await FixturePackage.CreateAsync();
        await package.ExportAsync(Layout, "v1", CancellationToken.None);
        var digest = package.Pack().Digest;

        var byTag = await ModelPackage.LoadAsync(Layout, "v1", CancellationToken.None);
        var byDigest = await ModelPackage.LoadAsync(Layout, digest, CancellationToken.None);

        Assert.Equal(digest, byTag.Pack().Digest);
        Assert.Equal(digest, byDigest.Pack().Digest);
        Assert.True(package.File("model.json").Span.SequenceEqual(byTag.File("model.json").Span));
    }

    [Fact]
    public async Task TheExportedLayoutIsAStandardOciImageLayout()
    {
        var package = await FixturePackage.CreateAsync();
        await package.ExportAsync(Layout, "candidate", CancellationToken.None);
        var packed = package.Pack();

        using (var marker = JsonDocument.Parse(File.ReadAllText(Path.Combine(Layout, "oci-layout"))))
            Assert.Equal("1.0.0", marker.RootElement.GetProperty("imageLayoutVersion").GetString());
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(Layout, "index.json")));
        Assert.Equal(2, index.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("application/vnd.oci.image.index.v1+json", index.RootElement.GetProperty("mediaType").GetString());
        var entry = Assert.Single(index.RootElement.GetProperty("manifests").EnumerateArray());
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", entry.GetProperty("mediaType").GetString());
        Assert.Equal(packed.Digest, entry.GetProperty("digest").GetString());
        Assert.Equal("candidate", entry.GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString());
        // Every blob is named by the sha256 of its bytes, as coreutils computes it: manifest, config and six layers.
        var blobs = Directory.GetFiles(Path.Combine(Layout, "blobs", "sha256"));
        Assert.Equal(8, blobs.Length);
        foreach (var blob in blobs) Assert.Equal(Path.GetFileName(blob), await Sha256SumAsync(blob));
        Assert.Equal(["blobs", "index.json", "oci-layout"], Directory.GetFileSystemEntries(Layout).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task AModelBlobWithOneByteChangedOnDiskIsRefusedNamingTheDigestMismatch()
    {
        var package = await FixturePackage.CreateAsync();
        await package.ExportAsync(Layout, "v1", CancellationToken.None);
        var model = FixturePackage.Layer(package.Pack(), "model.json").Descriptor.Digest;
        var path = BlobPath(model);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[1000] = (byte)(bytes[1000] == (byte)'1' ? '2' : '1');
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<ModelFormatException>(() => ModelPackage.LoadAsync(Layout, "v1", CancellationToken.None));

        var actual = "sha256:" + await Sha256SumAsync(path);
        Assert.Equal($"{Layout}:v1: layer model.json has digest {actual} but the manifest says {model}; " +
            "the package is damaged or was tampered with — push it again", error.Message);
    }

    [Fact]
    public async Task ATruncatedBlobOnDiskIsRefused()
    {
        var package = await FixturePackage.CreateAsync();
        await package.ExportAsync(Layout, "v1", CancellationToken.None);
        var featurizer = FixturePackage.Layer(package.Pack(), "featurizer.json").Descriptor;
        await using (var file = new FileStream(BlobPath(featurizer.Digest), FileMode.Open)) file.SetLength(featurizer.Size / 2);

        var error = await Assert.ThrowsAsync<ModelFormatException>(() => ModelPackage.LoadAsync(Layout, "v1", CancellationToken.None));

        Assert.Equal($"{Layout}:v1: layer featurizer.json is {featurizer.Size / 2} bytes but the manifest says {featurizer.Size}; " +
            "the package is truncated or damaged — push it again", error.Message);
    }

    [Fact]
    public async Task AMissingBlobIsRefusedNamingItsDigest()
    {
        var package = await FixturePackage.CreateAsync();
        await package.ExportAsync(Layout, "v1", CancellationToken.None);
        var signature = FixturePackage.Layer(package.Pack(), "signature.json").Descriptor.Digest;
        File.Delete(BlobPath(signature));

        var error = await Assert.ThrowsAsync<ModelFormatException>(() => ModelPackage.LoadAsync(Layout, "v1", CancellationToken.None));

        Assert.Equal($"{Layout}:v1: layer signature.json ({signature}) is missing from blobs/sha256/; the layout is incomplete — export or push the package again", error.Message);
    }

    [Fact]
    public async Task AManifestChangedOnDiskIsRefusedAgainstIndexJson()
    {
        var package = await FixturePackage.CreateAsync();
        await package.ExportAsync(Layout, "v1", CancellationToken.None);
        var path = BlobPath(package.Pack().Digest);
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("2026-11-01", "2026-11-02"));

        var error = await Assert.ThrowsAsync<ModelFormatException>(() => ModelPackage.LoadAsync(Layout, "v1", CancellationToken.None));

        Assert.Contains($"the manifest has digest sha256:", error.Message);
        Assert.Contains($"but index.json says {package.Pack().Digest}", error.Message);
    }

    [Fact]
    public async Task AnUnknownTagIsRefusedListingTheTagsThere()
    {
        await (await FixturePackage.CreateAsync()).ExportAsync(Layout, "v1", CancellationToken.None);

        var error = await Assert.ThrowsAsync<ModelFormatException>(() => ModelPackage.LoadAsync(Layout, "production", CancellationToken.None));

        Assert.Equal($"{Layout}: no tag 'production' in index.json; tags here: v1", error.Message);
    }

    [Fact]
    public async Task AFolderThatIsNotALayoutIsRefusedSayingSo()
    {
        Directory.CreateDirectory(Layout);

        var error = await Assert.ThrowsAsync<ModelFormatException>(() => ModelPackage.LoadAsync(Layout, "v1", CancellationToken.None));

        Assert.Contains("not an OCI image layout (it has no oci-layout file)", error.Message);
    }

    [Fact]
    public async Task ALayoutHoldingSeveralPackagesResolvesEachTag()
    {
        // As the registry's embedded store keeps a model: many versions and aliases in one layout.
        var first = (await FixturePackage.CreateAsync()).Pack();
        var second = (await FixturePackage.CreateAsync("penguins")).Pack();
        foreach (var blob in new[] { first, second }.SelectMany(p => p.Layers.Append(p.Config).Append(p.Manifest)))
            await OciImageLayout.WriteBlobAsync(Layout, blob, CancellationToken.None);
        OciDescriptor Tagged(PackedModel p, string tag) => p.Manifest.Descriptor with { Annotations = new Dictionary<string, string> { [OciIndex.RefNameAnnotation] = tag } };
        await OciImageLayout.WriteIndexAsync(Layout, new OciIndex([Tagged(first, "v1"), Tagged(second, "v2"), Tagged(second, "production")]), CancellationToken.None);

        Assert.Equal(first.Digest, (await ModelPackage.LoadAsync(Layout, "v1", CancellationToken.None)).Pack().Digest);
        Assert.Equal(second.Digest, (await ModelPackage.LoadAsync(Layout, "production", CancellationToken.None)).Pack().Digest);
        Assert.Equal("multiclass", (await ModelPackage.LoadAsync(Layout, second.Digest, CancellationToken.None)).Metadata.Task);
    }

    [Fact]
    public async Task ExportingAgainReplacesTheLayoutWithTheNewPackageAlone()
    {
        await (await FixturePackage.CreateAsync()).ExportAsync(Layout, "v1", CancellationToken.None);
        var penguins = await FixturePackage.CreateAsync("penguins");

        await penguins.ExportAsync(Layout, "v2", CancellationToken.None);

        Assert.Equal(penguins.Pack().Digest, (await ModelPackage.LoadAsync(Layout, "v2", CancellationToken.None)).Pack().Digest);
        await Assert.ThrowsAsync<ModelFormatException>(() => ModelPackage.LoadAsync(Layout, "v1", CancellationToken.None));
        Assert.Equal(8, Directory.GetFiles(Path.Combine(Layout, "blobs", "sha256")).Length);
        Assert.Equal(["credit-risk"], Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName));   // nothing left beside it
    }

    [Fact]
    public async Task AFolderNamedWithATrailingSlashIsExportedIntoItself()
    {
        var package = await FixturePackage.CreateAsync();

        await package.ExportAsync(Layout + "/", "v1", CancellationToken.None);

        Assert.Equal(package.Pack().Digest, (await ModelPackage.LoadAsync(Layout, "v1", CancellationToken.None)).Pack().Digest);
        Assert.Equal(["credit-risk"], Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ExportRefusesAFolderHoldingOtherFiles()
    {
        Directory.CreateDirectory(Layout);
        await File.WriteAllTextAsync(Path.Combine(Layout, "notes.txt"), "mine");

        var error = await Assert.ThrowsAsync<ModelFormatException>(async () =>
            await (await FixturePackage.CreateAsync()).ExportAsync(Layout, "v1", CancellationToken.None));

        Assert.Contains("holds files and is not an OCI image layout", error.Message);
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(Layout, "notes.txt")));
    }

    [Fact]
    public async Task ATagOutsideTheDistributionGrammarIsRefused()
    {
        var error = await Assert.ThrowsAsync<ModelFormatException>(async () =>
            await (await FixturePackage.CreateAsync()).ExportAsync(Layout, "../v1", CancellationToken.None));

        Assert.Contains("'../v1' is not a valid tag", error.Message);
    }

    string BlobPath(string digest) => Path.Combine(Layout, "blobs", "sha256", digest["sha256:".Length..]);

    /// <summary>sha256 as coreutils computes it: independent of the code under test.</summary>
    static async Task<string> Sha256SumAsync(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("sha256sum", [path]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Split(' ')[0];
    }
}
