using System.Security.Cryptography;
using Trainyard.Runtime.Packaging;

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

    /// <summary>A config and one layer, and the manifest naming them.</summary>
    public static (OciBlob Manifest, OciBlob Config, OciBlob Layer) Package(int seed)
    {
        var config = OciBlobs.Create(ConfigType, System.Text.Encoding.UTF8.GetBytes($$"""{"seed":{{seed}}}"""));
        var layer = Blob(300, seed);
        var manifest = new OciManifest(config.Descriptor, [layer.Descriptor], ArtifactType).ToBlob();
        return (manifest, config, layer);
    }
}
