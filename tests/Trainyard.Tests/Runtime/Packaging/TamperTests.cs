using System.Text;
using Trainyard.Runtime;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Runtime.Packaging;

/// <summary>Unpacking refuses any blob that is not exactly what the manifest names, and says which and how.</summary>
public sealed class TamperTests
{
    [Fact]
    public async Task AModelLayerWithOneByteChangedIsRefusedNamingBothDigests()
    {
        var packed = (await FixturePackage.CreateAsync()).Pack();
        var model = FixturePackage.Layer(packed, "model.json");
        var tampered = model.Content.ToArray();
        tampered[tampered.Length / 2] ^= 0x01;

        var error = Assert.Throws<ModelFormatException>(() =>
            ModelPackage.Unpack(FixturePackage.WithLayer(packed, "model.json", tampered), "registry.example/credit-risk:v3"));

        var actual = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(tampered));
        Assert.Equal($"registry.example/credit-risk:v3: layer model.json has digest {actual} but the manifest says {model.Descriptor.Digest}; " +
            "the package is damaged or was tampered with — push it again", error.Message);
    }

    [Fact]
    public async Task ATruncatedLayerIsRefusedSayingHowShortItIs()
    {
        var packed = (await FixturePackage.CreateAsync()).Pack();
        var featurizer = FixturePackage.Layer(packed, "featurizer.json");

        var error = Assert.Throws<ModelFormatException>(() =>
            ModelPackage.Unpack(FixturePackage.WithLayer(packed, "featurizer.json", featurizer.Content[..100].ToArray()), "test"));

        Assert.Equal($"test: layer featurizer.json is 100 bytes but the manifest says {featurizer.Descriptor.Size}; " +
            "the package is truncated or damaged — push it again", error.Message);
    }

    [Fact]
    public async Task ALayerHoldingAnotherFilesBytesIsRefused()
    {
        var packed = (await FixturePackage.CreateAsync()).Pack();
        var metrics = FixturePackage.Layer(packed, "metrics.json");
        // The config's bytes, under the metrics layer: a valid blob, but not the one the manifest names there.
        var swapped = packed with { Layers = [.. packed.Layers.Select(l => l == metrics ? packed.Config : l)] };

        var error = Assert.Throws<ModelFormatException>(() => ModelPackage.Unpack(swapped, "test"));

        Assert.StartsWith("test: layer metrics.json is ", error.Message);
    }

    [Fact]
    public async Task AChangedConfigIsRefused()
    {
        var packed = (await FixturePackage.CreateAsync()).Pack();
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(packed.Config.Content.Span).Replace("0.85", "0.95"));

        var error = Assert.Throws<ModelFormatException>(() => ModelPackage.Unpack(packed with { Config = packed.Config with { Content = changed } }, "test"));

        Assert.Contains($"the config has digest sha256:", error.Message);
        Assert.Contains($"but the manifest says {packed.Config.Descriptor.Digest}", error.Message);
    }

    [Fact]
    public async Task AManifestWhoseBytesDoNotMatchItsDigestIsRefused()
    {
        var packed = (await FixturePackage.CreateAsync()).Pack();
        var edited = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(packed.Manifest.Content.Span).Replace("2026-11-01", "2026-11-02"));

        var error = Assert.Throws<ModelFormatException>(() => ModelPackage.Unpack(packed with { Manifest = packed.Manifest with { Content = edited } }, "test"));

        Assert.Contains($"the manifest has digest sha256:", error.Message);
        Assert.Contains($"but its descriptor says {packed.Digest}", error.Message);
    }

    [Fact]
    public async Task ALayerLeftOutIsRefused()
    {
        var packed = (await FixturePackage.CreateAsync()).Pack();

        var error = Assert.Throws<ModelFormatException>(() => ModelPackage.Unpack(packed with { Layers = packed.Layers.Skip(1).ToList() }, "test"));

        Assert.Equal("test: the manifest names 6 layers but 5 were given; the package is incomplete — push it again", error.Message);
    }

    [Fact]
    public void AContainerImageIsNotTakenForAModelPackage()
    {
        var config = OciBlobs.Create("application/vnd.oci.image.config.v1+json", "{}"u8.ToArray());
        var layer = OciBlobs.Create("application/vnd.oci.image.layer.v1.tar", new byte[] { 1, 2, 3 });
        var manifest = new OciManifest(config.Descriptor, [layer.Descriptor]).ToBlob();

        var error = Assert.Throws<ModelFormatException>(() => ModelPackage.Unpack(new PackedModel(manifest, config, [layer]), "ghcr.io/acme/app:1"));

        Assert.Contains("ghcr.io/acme/app:1: not a Trainyard model package", error.Message);
    }

    [Fact]
    public async Task ALayerTitledWithAPathIsRefused()
    {
        var package = await FixturePackage.CreateAsync();
        var withPath = package with { Files = new Dictionary<string, ReadOnlyMemory<byte>>(package.Files) { ["../evil.json"] = "{}"u8.ToArray() } };

        var error = Assert.Throws<ModelFormatException>(() => ModelPackage.Unpack(withPath.Pack(), "test"));

        Assert.Contains("is titled '../evil.json', which is not a plain file name", error.Message);
    }
}
