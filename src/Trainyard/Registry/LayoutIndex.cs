using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Trainyard.IO;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry;

/// <summary>
/// A layout's <c>index.json</c> (image-spec image-layout.md): an image index whose manifest descriptors carry their
/// tag in the <c>org.opencontainers.image.ref.name</c> annotation. Read without a lock (it is only ever replaced
/// whole, by rename); changed under a short lock of its own so two tag writes never lose one another.
/// </summary>
internal sealed record LayoutIndex([property: JsonPropertyOrder(1)] IReadOnlyList<OciDescriptor> Manifests)
{
    public const string FileName = "index.json";
    public const string MediaTypeName = "application/vnd.oci.image.index.v1+json";
    public const string RefName = "org.opencontainers.image.ref.name";

    public int SchemaVersion => 2;
    public string MediaType => MediaTypeName;

    public static readonly LayoutIndex Empty = new([]);

    // The manifests' own spelling (camelCase, no nulls), with '+' written as itself so people can read media types.
    static readonly JsonSerializerOptions Json = new(OciManifest.Json) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    public IEnumerable<string> TagNames() => Manifests.Select(TagOf).OfType<string>().Distinct();

    public OciDescriptor? Find(string tag) => Manifests.LastOrDefault(m => TagOf(m) == tag);

    /// <summary>The index with <paramref name="tag"/> naming <paramref name="manifest"/> (and nothing else).</summary>
    public LayoutIndex WithTag(string tag, OciDescriptor manifest) => new(
        [.. Manifests.Where(m => TagOf(m) != tag),
         manifest with { Annotations = new Dictionary<string, string> { [RefName] = tag } }]);

    static string? TagOf(OciDescriptor descriptor) => descriptor.Annotations?.GetValueOrDefault(RefName);

    public static async Task<LayoutIndex> ReadAsync(string layout, CancellationToken cancellationToken)
    {
        var path = Path.Combine(layout, FileName);
        if (!File.Exists(path)) return Empty;
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        try
        {
            var index = JsonSerializer.Deserialize<LayoutIndex>(bytes, Json);
            return index?.Manifests is not null ? index
                : throw new TrainyardException($"{path}: expected an OCI image index with a 'manifests' list; restore it from a backup");
        }
        catch (JsonException e)
        {
            throw new TrainyardException($"{path}: not an OCI image index ({e.Message}); restore it from a backup", new SourceLocation(path), e);
        }
    }

    /// <summary>Reads, changes and atomically replaces index.json, holding the index lock for just that long.</summary>
    public static async Task UpdateAsync(string layout, string what, Func<LayoutIndex, LayoutIndex> change, CancellationToken cancellationToken)
    {
        await using var held = await LayoutLock.AcquireAsync(Path.Combine(layout, FileName + ".lock"), what, TimeSpan.FromMinutes(1), cancellationToken);
        var changed = change(await ReadAsync(layout, cancellationToken));
        var json = JsonSerializer.Serialize(changed, Json);
        await AtomicFile.WriteAllTextAsync(Path.Combine(layout, FileName), json, cancellationToken);
    }

    /// <summary>Makes the folder a layout (oci-layout, blobs/sha256/, an empty index.json) if it is not one yet.</summary>
    public static async Task CreateAsync(string layout, string what, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(layout, "blobs", "sha256"));
        var marker = Path.Combine(layout, "oci-layout");
        if (!File.Exists(marker))
            await AtomicFile.WriteAsync(marker, (s, ct) => s.WriteAsync(Encoding.UTF8.GetBytes("""{"imageLayoutVersion":"1.0.0"}"""), ct).AsTask(), cancellationToken);
        if (!File.Exists(Path.Combine(layout, FileName)))
            await UpdateAsync(layout, what, index => index, cancellationToken);
    }
}
