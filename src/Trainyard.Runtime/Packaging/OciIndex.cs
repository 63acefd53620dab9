using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainyard.Runtime.Packaging;

/// <summary>
/// An OCI image index (image-spec v1.1), as an image layout's <c>index.json</c>: the manifests the layout holds,
/// each tag an <c>org.opencontainers.image.ref.name</c> annotation on its manifest's descriptor.
/// </summary>
internal sealed record OciIndex(IReadOnlyList<OciDescriptor> Manifests, IReadOnlyDictionary<string, string>? Annotations = null)
{
    public const string MediaTypeName = "application/vnd.oci.image.index.v1+json";

    /// <summary>The annotation that names a manifest in a layout: its tag.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    [JsonPropertyOrder(-2)] public int SchemaVersion => 2;
    [JsonPropertyOrder(-1)] public string MediaType => MediaTypeName;

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, OciJson.Canonical.OciIndex);

    public static OciIndex Parse(ReadOnlySpan<byte> json, string source)
    {
        try
        {
            var index = JsonSerializer.Deserialize(json, OciJson.Canonical.OciIndex);
            if (index?.Manifests is null)
                throw new ModelFormatException($"{source}: expected an OCI image index with a 'manifests' list");
            return index;
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{source}: not an OCI image index ({e.Message})", e);
        }
    }

    /// <summary>The number of a version tag (<c>v3</c> → 3), the tags Package gives each published version; null for any other tag.</summary>
    public static long? VersionNumber(string? tag) =>
        tag is ['v', _, ..] && tag[1..].All(char.IsAsciiDigit) && long.TryParse(tag.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number : null;

    /// <summary>The tag a descriptor carries, or null.</summary>
    public static string? TagOf(OciDescriptor descriptor) => descriptor.Annotations?.GetValueOrDefault(RefNameAnnotation);
}
