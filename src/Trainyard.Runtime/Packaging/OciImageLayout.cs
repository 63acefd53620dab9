using System.Text;
using System.Text.Json;

namespace Trainyard.Runtime.Packaging;

/// <summary>
/// An OCI image layout folder (image-spec v1.1, image-layout.md): an <c>oci-layout</c> file, <c>index.json</c>,
/// and every blob in <c>blobs/sha256/&lt;hex&gt;</c>. The model server loads packages from one; the registry's
/// embedded store keeps one per model; both use this class, so each reads what the other writes.
/// Every blob read is checked against the descriptor that names it.
/// </summary>
internal sealed class OciImageLayout
{
    public const string LayoutFile = "oci-layout";
    public const string IndexFile = "index.json";
    public const string Version = "1.0.0";

    OciImageLayout(string directory, OciIndex index) => (Directory, Index) = (directory, index);

    public string Directory { get; }
    public OciIndex Index { get; }

    /// <summary>Reads <c>oci-layout</c> and <c>index.json</c>; a folder that is not a layout is a <see cref="ModelFormatException"/> saying so.</summary>
    public static async Task<OciImageLayout> OpenAsync(string directory, CancellationToken cancellationToken)
    {
        var marker = Path.Combine(directory, LayoutFile);
        if (!File.Exists(marker))
            throw new ModelFormatException(System.IO.Directory.Exists(directory)
                ? $"{directory}: not an OCI image layout (it has no {LayoutFile} file); give the folder a package was exported or pushed to"
                : $"{directory}: no such folder; give the folder a package was exported or pushed to");
        CheckVersion(await File.ReadAllBytesAsync(marker, cancellationToken), marker);
        var indexPath = Path.Combine(directory, IndexFile);
        if (!File.Exists(indexPath))
            throw new ModelFormatException($"{directory}: the layout has no {IndexFile}; it is incomplete — export or push the package again");
        return new OciImageLayout(directory, OciIndex.Parse(await File.ReadAllBytesAsync(indexPath, cancellationToken), indexPath));
    }

    /// <summary>
    /// The manifest a reference names: a tag (<c>v3</c>, <c>production</c>) through index.json's ref.name
    /// annotations, or a digest (<c>sha256:…</c>), which may also name a manifest that only the blobs hold.
    /// </summary>
    public OciDescriptor Resolve(string reference)
    {
        if (reference.StartsWith("sha256:", StringComparison.Ordinal))
        {
            BlobCheck.RequireSha256(reference, "the reference", Directory);
            var listed = Index.Manifests.FirstOrDefault(m => m.Digest == reference);
            if (listed is not null) return listed;
            var path = BlobPath(Directory, reference);
            if (File.Exists(path)) return new OciDescriptor(OciManifest.MediaTypeName, reference, new FileInfo(path).Length);
            throw new ModelFormatException($"{Directory}: no manifest {reference} in {IndexFile} or blobs/sha256/; {TagsHere()}");
        }
        var named = Index.Manifests.Where(m => OciIndex.TagOf(m) == reference).DistinctBy(m => m.Digest).ToList();
        return named.Count switch
        {
            1 => named[0],
            0 => throw new ModelFormatException($"{Directory}: no tag '{reference}' in {IndexFile}; {TagsHere()}"),
            _ => throw new ModelFormatException(
                $"{Directory}: tag '{reference}' names {named.Count} different manifests in {IndexFile} ({string.Join(", ", named.Select(m => m.Digest))}); a tag must name one — fix {IndexFile}"),
        };
    }

    /// <summary>A blob's bytes, checked against <paramref name="descriptor"/>; a missing file is refused naming the digest.</summary>
    public async Task<ReadOnlyMemory<byte>> ReadBlobAsync(OciDescriptor descriptor, string what, string claimant, string source, CancellationToken cancellationToken)
    {
        BlobCheck.RequireSha256(descriptor.Digest, what, source);
        var path = BlobPath(Directory, descriptor.Digest);
        if (!File.Exists(path))
            throw new ModelFormatException($"{source}: {what} ({descriptor.Digest}) is missing from blobs/sha256/; the layout is incomplete — export or push the package again");
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        BlobCheck.Verify(descriptor, content, what, claimant, source);
        return content;
    }

    public static string BlobPath(string directory, string digest) => Path.Combine(directory, "blobs", "sha256", digest["sha256:".Length..]);

    /// <summary>Writes a blob under its digest (atomically; nothing to do when an intact copy is there).</summary>
    public static async Task WriteBlobAsync(string directory, OciBlob blob, CancellationToken cancellationToken)
    {
        BlobCheck.RequireSha256(blob.Descriptor.Digest, "the blob", directory);
        var path = BlobPath(directory, blob.Descriptor.Digest);
        if (File.Exists(path) && OciBlobs.DigestOf(await File.ReadAllBytesAsync(path, cancellationToken)) == blob.Descriptor.Digest) return;
        await WriteAtomicallyAsync(path, blob.Content, cancellationToken);
    }

    /// <summary>Writes <c>oci-layout</c> (when missing) and <c>index.json</c>, each atomically; index.json last, so it never names a blob not yet written.</summary>
    public static async Task WriteIndexAsync(string directory, OciIndex index, CancellationToken cancellationToken)
    {
        var marker = Path.Combine(directory, LayoutFile);
        if (!File.Exists(marker))
            await WriteAtomicallyAsync(marker, Encoding.UTF8.GetBytes($$"""{"imageLayoutVersion":"{{Version}}"}"""), cancellationToken);
        await WriteAtomicallyAsync(Path.Combine(directory, IndexFile), index.ToJson(), cancellationToken);
    }

    static void CheckVersion(byte[] json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("imageLayoutVersion", out var version) && version.ValueKind == JsonValueKind.String)
            {
                if (version.GetString() == Version) return;
                throw new ModelFormatException($"{source}: image layout version {version.GetString()} is not supported; this Trainyard reads {Version}");
            }
        }
        catch (JsonException) { }
        throw new ModelFormatException($"{source}: expected {{\"imageLayoutVersion\": \"{Version}\"}}");
    }

    string TagsHere()
    {
        // Model packages' tags only: the registry's own entries (the alias history's 'history' head) are not for loading.
        var tags = Index.Manifests.Where(m => m.ArtifactType is null or PackageMediaTypes.Artifact)
            .Select(OciIndex.TagOf).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        return tags.Count == 0 ? "the layout has no tags" : $"tags here: {string.Join(", ", tags)}";
    }

    // Trainyard.Runtime sits below Trainyard's IO.AtomicFile, so it writes the same way here: temp file beside the target, flush, rename.
    static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        System.IO.Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 65536, useAsync: true))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
