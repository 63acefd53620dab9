using System.Security.Cryptography;
using System.Text;
using Trainyard.Registry;
using Trainyard.Runtime.Packaging;
using Trainyard.Registry.Distribution;

namespace Trainyard.Tests.Registry.Distribution;

/// <summary>Blobs and manifests to push: seeded bytes, and digests computed here with SHA-256 rather than by the code under test.</summary>
internal static class TestContent
{
    public const string LayerType = "application/vnd.trainyard.test.layer.v1";
    public const string ConfigType = "application/vnd.trainyard.test.config.v1+json";
    public const string ArtifactType = "application/vnd.trainyard.test.v1";

    public static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static OciBlob Blob(int size, int seed, string mediaType = LayerType) => OciBlobs.Create(mediaType, Bytes(size, seed));

    /// <summary>The digest as the spec defines it: <c>sha256:</c> and the hex of SHA-256 over the bytes.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A config and one layer of <paramref name="layerSize"/> bytes, and the manifest naming them.</summary>
    public static TestPackage Package(int seed, int layerSize = 300)
    {
        var config = OciBlobs.Create(ConfigType, Encoding.UTF8.GetBytes($$"""{"seed":{{seed}}}"""));
        var layer = Blob(layerSize, seed);
        return new TestPackage(new OciManifest(config.Descriptor, [layer.Descriptor], ArtifactType).ToBlob(), config, layer);
    }
}

/// <summary>A manifest and its blobs, pushed as a model package is: blobs first, the manifest (and its tag) last.</summary>
internal sealed record TestPackage(OciBlob Manifest, OciBlob Config, OciBlob Layer)
{
    public async Task PushAsync(DistributionStore store, string? tag, string model = "credit-risk")
    {
        await store.PushBlobAsync(model, Config, default);
        await store.PushBlobAsync(model, Layer, default);
        await store.PushManifestAsync(model, Manifest, tag, default);
    }
}
