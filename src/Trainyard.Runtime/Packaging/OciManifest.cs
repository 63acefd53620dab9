using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainyard.Runtime.Packaging;

/// <summary>
/// An OCI image manifest (image-spec v1.1): the config descriptor, the layers, and for artifacts the artifact type.
/// Serialized by <see cref="OciJson"/>: the spec's camelCase names and no nulls, so its bytes — and so its digest — are stable.
/// </summary>
internal sealed record OciManifest(
    OciDescriptor Config,
    IReadOnlyList<OciDescriptor> Layers,
    string? ArtifactType = null,
    IReadOnlyDictionary<string, string>? Annotations = null,
    OciDescriptor? Subject = null)
{
    public const string MediaTypeName = "application/vnd.oci.image.manifest.v1+json";

    [JsonPropertyOrder(-2)] public int SchemaVersion => 2;
    [JsonPropertyOrder(-1)] public string MediaType => MediaTypeName;

    /// <summary>The manifest as a blob: its canonical bytes and their descriptor.</summary>
    public OciBlob ToBlob() => OciBlobs.Create(MediaTypeName, JsonSerializer.SerializeToUtf8Bytes(this, OciJson.Canonical.OciManifest), annotations: null, ArtifactType);

    /// <summary>Reads manifest bytes; <paramref name="source"/> names where they came from for the error message.</summary>
    public static OciManifest Parse(ReadOnlyMemory<byte> bytes, string source)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize(bytes.Span, OciJson.Canonical.OciManifest);
            if (manifest?.Config is null || manifest.Layers is null)
                throw new ModelFormatException($"{source}: expected an OCI image manifest with 'config' and 'layers'");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{source}: not an OCI image manifest ({e.Message})", e);
        }
    }
}

/// <summary>Making blobs: the digest and size come from the bytes, never from the caller.</summary>
internal static class OciBlobs
{
    public static OciBlob Create(string mediaType, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string>? annotations = null, string? artifactType = null) =>
        new(new OciDescriptor(mediaType, DigestOf(content.Span), content.Length, annotations, artifactType), content);

    public static string DigestOf(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
