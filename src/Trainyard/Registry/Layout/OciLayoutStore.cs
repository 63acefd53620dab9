using System.Text.Json;
using System.Text.RegularExpressions;
using Trainyard.Runtime;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry.Layout;

/// <summary>
/// The embedded store: one OCI image layout per model under <paramref name="directory"/>
/// (default <c>.trainyard/registry/&lt;model&gt;/</c>: <c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/…</c>).
/// The files are read and written as Trainyard.Runtime's <see cref="OciImageLayout"/> does — the model server loads
/// packages from the same folders: blobs go to a temporary file renamed into place, so a blob file is whole or
/// absent, and every read is checked against its digest. Tags live in index.json (<see cref="LayoutIndex"/>).
/// </summary>
/// <param name="directory">The folder: absolute, or relative to the current directory.</param>
/// <param name="shownAs">The folder as messages name it, e.g. as <c>--registry</c> gave it; by default <paramref name="directory"/>.</param>
internal sealed partial class OciLayoutStore(string directory, string? shownAs = null) : IOciStore
{
    public const string LockFile = "trainyard.lock";

    readonly string _root = Path.GetFullPath(directory);

    public string Location => shownAs ?? directory;

    /// <summary>How long <see cref="LockAsync"/> waits for another run before saying so.</summary>
    public TimeSpan LockPatience { get; init; } = TimeSpan.FromMinutes(5);

    public Task<bool> HasBlobAsync(string repository, string digest, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(BlobPath(repository, digest)));

    public async Task PushBlobAsync(string repository, OciBlob blob, CancellationToken cancellationToken)
    {
        Verify(repository, blob.Descriptor, blob.Content, "the blob pushed");
        await LayoutIndex.CreateAsync(LayoutOf(repository), Where(repository), cancellationToken);
        await OciImageLayout.WriteBlobAsync(LayoutOf(repository), blob, cancellationToken);
    }

    public async Task<ReadOnlyMemory<byte>> ReadBlobAsync(string repository, OciDescriptor descriptor, CancellationToken cancellationToken)
    {
        var path = BlobPath(repository, descriptor.Digest);
        if (!File.Exists(path))
            throw new TrainyardException($"{Where(repository)}: blob {descriptor.Digest} is missing from blobs/sha256/; publish the model again");
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        Verify(repository, descriptor, content, $"blob {descriptor.Digest}");
        return content;
    }

    public async Task PushManifestAsync(string repository, OciBlob manifest, string? tag, CancellationToken cancellationToken)
    {
        if (tag is not null) RequireTag(repository, tag);
        // As a registry does: a manifest may only name blobs the store already has.
        foreach (var digest in ReferencedDigests(manifest.Content))
            if (!await HasBlobAsync(repository, digest, cancellationToken))
                throw new TrainyardException($"{Where(repository)}: manifest {manifest.Descriptor.Digest} names blob {digest}, which is not in the store; push its blobs first");
        await PushBlobAsync(repository, manifest, cancellationToken);
        if (tag is not null)
            await LayoutIndex.UpdateAsync(LayoutOf(repository), Where(repository), index => index.WithTag(tag, DescriptorOf(manifest)), cancellationToken);
    }

    public async Task<OciBlob?> ReadManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        OciDescriptor? descriptor;
        if (reference.StartsWith("sha256:", StringComparison.Ordinal))
        {
            if (!File.Exists(BlobPath(repository, reference))) return null;
            descriptor = new OciDescriptor(OciManifest.MediaTypeName, reference, new FileInfo(BlobPath(repository, reference)).Length);
        }
        else
        {
            RequireTag(repository, reference);
            descriptor = (await LayoutIndex.ReadAsync(LayoutOf(repository), cancellationToken)).Find(reference);
            if (descriptor is null) return null;
        }
        var content = await ReadBlobAsync(repository, descriptor, cancellationToken);
        return new OciBlob(DescriptorOf(new OciBlob(descriptor, content)), content);
    }

    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken) =>
        [.. (await LayoutIndex.ReadAsync(LayoutOf(repository), cancellationToken)).TagNames().Order(StringComparer.Ordinal)];

    public async Task<IAsyncDisposable> LockAsync(string repository, CancellationToken cancellationToken) =>
        await FileLock.AcquireAsync(Path.Combine(LayoutOf(repository), LockFile), Where(repository), LockPatience, cancellationToken);

    /// <summary>The layout folder of one model.</summary>
    public string LayoutOf(string repository)
    {
        RepositoryName.Require(repository);
        return Path.Combine(_root, repository);
    }

    string BlobPath(string repository, string digest) =>
        BlobCheck.IsSha256(digest) ? OciImageLayout.BlobPath(LayoutOf(repository), digest)
            : throw new TrainyardException($"{Where(repository)}: '{digest}' is not a digest (sha256:<64 lower-case hex digits>)");

    string Where(string repository) => $"{Location}, {repository}";

    /// <summary>Size and digest checked as every package read checks them; the damage named with the store and model.</summary>
    void Verify(string repository, OciDescriptor expected, ReadOnlyMemory<byte> content, string what)
    {
        try
        {
            BlobCheck.Verify(expected, content.Span, what, "its descriptor", Where(repository));
        }
        catch (ModelFormatException e)
        {
            throw new TrainyardException(e.Message, innerException: e);
        }
    }

    void RequireTag(string repository, string tag)
    {
        if (!TagPattern().IsMatch(tag))
            throw new TrainyardException($"{Where(repository)}: '{tag}' is not a valid tag (letters, digits, '_', '.', '-'; at most 128)");
    }

    /// <summary>A manifest's descriptor as index.json lists it: media type and artifact type from the manifest itself.</summary>
    static OciDescriptor DescriptorOf(OciBlob manifest)
    {
        string? Field(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        try
        {
            using var document = JsonDocument.Parse(manifest.Content);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return manifest.Descriptor with { Annotations = null };
            return manifest.Descriptor with
            {
                MediaType = Field(document.RootElement, "mediaType") ?? manifest.Descriptor.MediaType,
                ArtifactType = Field(document.RootElement, "artifactType"),
                Annotations = null,
            };
        }
        catch (JsonException)
        {
            return manifest.Descriptor with { Annotations = null };
        }
    }

    // The distribution spec's tag grammar.
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex TagPattern();
}
