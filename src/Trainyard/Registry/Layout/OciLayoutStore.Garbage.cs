using System.Text.Json;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry.Layout;

internal sealed partial class OciLayoutStore
{
    static readonly HashSet<string> ManifestTypes =
    [
        OciManifest.MediaTypeName, OciIndex.MediaTypeName,
        "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json",
    ];

    /// <summary>
    /// Deletes every blob of the model's layout that no tag reaches — through manifests to their config and layers,
    /// through indexes to their manifests — such as the blobs of a push killed before its tag, or history heads that
    /// a newer head replaced. Runs under the model's lock, and every publish pushes under it too, so a blob that is
    /// about to be tagged is never collected. Interrupted temporary files older than an hour go as well.
    /// </summary>
    public async Task<GarbageCollection> CollectGarbageAsync(string repository, CancellationToken cancellationToken)
    {
        var layout = LayoutOf(repository);
        var blobs = Path.Combine(layout, "blobs", "sha256");
        if (!Directory.Exists(blobs)) return new GarbageCollection(0, 0, 0);
        await using var held = await LockAsync(repository, cancellationToken);

        var reachable = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Digest, string MediaType)>(
            (await LayoutIndex.ReadAsync(layout, cancellationToken)).Manifests.Select(m => (m.Digest, m.MediaType)));
        while (pending.TryPop(out var next))
        {
            var path = BlobPath(repository, next.Digest);
            if (!reachable.Add(next.Digest) || !ManifestTypes.Contains(next.MediaType) || !File.Exists(path)) continue;
            foreach (var reference in References(await File.ReadAllBytesAsync(path, cancellationToken)))
                pending.Push(reference);
        }

        var (deleted, freed) = (0, 0L);
        foreach (var file in new DirectoryInfo(blobs).EnumerateFiles())
        {
            var isBlob = file.Name.Length == 64 && file.Name.All(char.IsAsciiHexDigitLower);
            var unused = isBlob ? !reachable.Contains("sha256:" + file.Name)
                : file.Name.EndsWith(".tmp", StringComparison.Ordinal) && file.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1);
            if (!unused) continue;
            (deleted, freed) = (deleted + 1, freed + file.Length);
            file.Delete();
        }
        return new GarbageCollection(deleted, freed, reachable.Count(d => File.Exists(BlobPath(repository, d))));
    }

    /// <summary>The blobs a manifest (config, layers) or an index (manifests) names, with their media types.</summary>
    static IEnumerable<(string Digest, string MediaType)> References(ReadOnlyMemory<byte> manifest)
    {
        var found = new List<(string, string)>();
        try
        {
            using var document = JsonDocument.Parse(manifest);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return found;
            if (document.RootElement.TryGetProperty("config", out var config)) Add(config);
            foreach (var list in new[] { "layers", "manifests" })
                if (document.RootElement.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array)
                    foreach (var item in items.EnumerateArray()) Add(item);
        }
        catch (JsonException)
        {
            // Not JSON after all: it names nothing.
        }
        return found;

        void Add(JsonElement descriptor)
        {
            if (descriptor.ValueKind == JsonValueKind.Object &&
                descriptor.TryGetProperty("digest", out var digest) && digest.ValueKind == JsonValueKind.String &&
                descriptor.TryGetProperty("mediaType", out var type) && type.ValueKind == JsonValueKind.String)
                found.Add((digest.GetString()!, type.GetString()!));
        }
    }

    static IEnumerable<string> ReferencedDigests(ReadOnlyMemory<byte> manifest) => References(manifest).Select(r => r.Digest);
}
