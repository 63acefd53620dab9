using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainyard.Runtime.Packaging;

/// <summary>
/// Source-generated JSON for OCI manifests and indexes, so the trimmed model server reads them without reflection.
/// The spec's camelCase names and no nulls, so their bytes — and so their digests — are stable. The encoder is set
/// here, not in the attribute (which cannot name one): media types read as the spec writes them ("+json", not
/// "\u002Bjson"), for people and tools reading raw manifests.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(OciIndex))]
internal sealed partial class OciJson : JsonSerializerContext
{
    public static OciJson Canonical { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
