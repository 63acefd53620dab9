using System.Security.Cryptography;
using System.Text.Json;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Runtime.Packaging;

public sealed class PackTests
{
    [Fact]
    public async Task UnpackingAPackedModelGivesBackTheSameMetadataAndFiles()
    {
        var package = await FixturePackage.CreateAsync();

        var unpacked = ModelPackage.Unpack(package.Pack(), "test");

        Assert.Equal(package.Files.Keys.Order(), unpacked.Files.Keys.Order());
        foreach (var (name, content) in package.Files)
            Assert.True(content.Span.SequenceEqual(unpacked.Files[name].Span), $"{name} differs after the round trip");
        var (before, after) = (package.Metadata, unpacked.Metadata);
        Assert.Equal((before.Name, before.Task, before.ContentKey, before.Created, before.GatesPassed), (after.Name, after.Task, after.ContentKey, after.Created, after.GatesPassed));
        Assert.Equal(before.Metrics.OrderBy(m => m.Key), after.Metrics.OrderBy(m => m.Key));
        Assert.Equal(before.Lineage.Commit, after.Lineage.Commit);
        Assert.Equal(before.Lineage.Data!.Sha256, after.Lineage.Data!.Sha256);
        Assert.Equal(before.Lineage.Data.Splits["test"], after.Lineage.Data.Splits["test"]);
        Assert.Equal(before.Lineage.Parameters.OrderBy(p => p.Key), after.Lineage.Parameters.OrderBy(p => p.Key));
        Assert.Equal(before.Lineage.Built, after.Lineage.Built);
        Assert.Equal(before.Lineage.TrainedAt, after.Lineage.TrainedAt);
        // Everything that goes into the digest came back: packing the unpacked package gives the same artifact.
        Assert.Equal(package.Pack().Digest, unpacked.Pack().Digest);
    }

    [Fact]
    public async Task PackingTheSamePackageGivesTheSameBytesAndDigestEveryTime()
    {
        var first = (await FixturePackage.CreateAsync()).Pack();
        var second = (await FixturePackage.CreateAsync()).Pack();   // built anew: equal content, other instances

        Assert.Equal(first.Digest, second.Digest);
        Assert.True(first.Manifest.Content.Span.SequenceEqual(second.Manifest.Content.Span));
        Assert.True(first.Config.Content.Span.SequenceEqual(second.Config.Content.Span));
    }

    [Fact]
    public async Task MapsAreWrittenInOneOrderWhateverOrderTheyWereBuiltIn()
    {
        var package = await FixturePackage.CreateAsync();
        var reversed = package.Metadata with { Metrics = new Dictionary<string, double> { ["f1"] = 0.62, ["auc"] = 0.85 } };

        Assert.Equal(package.Pack().Digest, (package with { Metadata = reversed }).Pack().Digest);
    }

    [Fact]
    public async Task AChangedMetricGivesAnotherDigest()
    {
        var package = await FixturePackage.CreateAsync();
        var changed = package with { Metadata = package.Metadata with { Metrics = new Dictionary<string, double> { ["auc"] = 0.86, ["f1"] = 0.62 } } };

        Assert.NotEqual(package.Pack().Digest, changed.Pack().Digest);
    }

    [Fact]
    public async Task EachLayersDigestIsTheSha256OfItsBytes()
    {
        var package = await FixturePackage.CreateAsync();
        var packed = package.Pack();

        foreach (var (name, content) in package.Files)
        {
            var layer = FixturePackage.Layer(packed, name);
            // Computed here from the file's bytes, not by the code under test.
            var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content.Span));
            Assert.Equal(expected, layer.Descriptor.Digest);
            Assert.Equal(content.Length, layer.Descriptor.Size);
        }
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(packed.Manifest.Content.Span)), packed.Digest);
    }

    [Fact]
    public async Task TheManifestIsAnOciArtifactWhoseLayersAreTitledAndTyped()
    {
        var packed = (await FixturePackage.CreateAsync()).Pack();

        using var manifest = JsonDocument.Parse(packed.Manifest.Content);
        var root = manifest.RootElement;
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", root.GetProperty("mediaType").GetString());
        Assert.Equal("application/vnd.trainyard.model.v1", root.GetProperty("artifactType").GetString());
        Assert.Equal("application/vnd.trainyard.model.config.v1+json", root.GetProperty("config").GetProperty("mediaType").GetString());
        Assert.Equal("2026-11-01T12:00:00Z", root.GetProperty("annotations").GetProperty("org.opencontainers.image.created").GetString());
        var layers = root.GetProperty("layers").EnumerateArray()
            .ToDictionary(l => l.GetProperty("annotations").GetProperty("org.opencontainers.image.title").GetString()!, l => l.GetProperty("mediaType").GetString());
        Assert.Equal(["example.json", "featurizer.json", "metrics.json", "model.json", "profile.json", "signature.json"], layers.Keys);
        Assert.Equal("application/vnd.trainyard.model.xgboost.v1+json", layers["model.json"]);
        Assert.Equal("application/vnd.trainyard.featurizer.v1+json", layers["featurizer.json"]);
    }

    [Fact]
    public async Task TheConfigIsTheMetadataAndReadsBackWithoutTheLayers()
    {
        var packed = (await FixturePackage.CreateAsync()).Pack();

        var metadata = ModelPackage.ReadMetadata(packed.Config, "test");

        Assert.Equal("credit", metadata.Name);
        Assert.Equal(0.85, metadata.Metrics["auc"]);
        Assert.Equal("https://github.com/acme/models/actions/runs/7", metadata.Lineage.Built?.CiRunUrl);
        using var config = JsonDocument.Parse(packed.Config.Content);
        Assert.Equal(1, config.RootElement.GetProperty("format_version").GetInt32());
        Assert.Equal("4fe46c60fb1cbb7e6bc09e5e797ff3a7750803eb", config.RootElement.GetProperty("lineage").GetProperty("commit").GetString());
    }

    [Fact]
    public async Task AConfigOfANewerFormatIsRefusedByItsVersion()
    {
        var packed = (await FixturePackage.CreateAsync()).Pack();
        var newer = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(packed.Config.Content.Span)
            .Replace("\"format_version\": 1", "\"format_version\": 2"));

        var error = Assert.Throws<Trainyard.Runtime.ModelFormatException>(() =>
            ModelPackage.ReadMetadata(OciBlobs.Create(PackageMediaTypes.Config, newer), "registry/credit-risk:v3"));

        Assert.Contains("registry/credit-risk:v3", error.Message);
        Assert.Contains("format_version 2 is not supported", error.Message);
    }
}
