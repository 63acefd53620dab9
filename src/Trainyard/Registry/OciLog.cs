using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry;

/// <summary>
/// An append-only log of JSON entries kept as OCI content in a model's own repository, so it travels with the
/// registry: each entry is a blob naming the entry before it by digest, and the manifest at <see cref="Tag"/> lists
/// every entry, oldest first. Listing them all in the head — rather than having each entry's manifest point at the
/// previous manifest — keeps old entries reachable from a tag, so neither our garbage collection nor a registry's
/// clean-up of untagged manifests can drop them. Appending writes a new head; no entry is ever rewritten. The alias
/// history and the deployment history are two such logs.
/// </summary>
/// <param name="Tag">The tag at the log's head, reserved (<see cref="AliasName"/>).</param>
/// <param name="What">The log in words, for errors: "alias history".</param>
internal sealed record OciLog(string Tag, string ArtifactType, string EntryMediaType, string What)
{
    /// <summary>OCI 1.1's empty config, for artifacts whose content is all in their layers.</summary>
    static readonly OciBlob EmptyConfig = OciBlobs.Create("application/vnd.oci.empty.v1+json", "{}"u8.ToArray());

    /// <summary>One entry: its descriptor (its digest is what the next entry names) and its bytes.</summary>
    internal sealed record Entry(OciDescriptor Descriptor, ReadOnlyMemory<byte> Content);

    /// <param name="previousOf">Reads an entry's "previous" digest, checking the chain (an entry names the one before it).</param>
    public async Task<IReadOnlyList<Entry>> ReadAsync(IOciStore store, string repository, Func<Entry, string, string?> previousOf,
        CancellationToken cancellationToken)
    {
        var head = await store.ReadManifestAsync(repository, Tag, cancellationToken);
        if (head is null) return [];
        var source = $"{store.Location}, {repository}:{Tag}";
        var manifest = ParseHead(head, source);
        var entries = new List<Entry>(manifest.Layers.Count);
        foreach (var layer in manifest.Layers)
        {
            var entry = new Entry(layer, await store.ReadBlobAsync(repository, layer, cancellationToken));
            var previous = previousOf(entry, $"{source}, entry {layer.Digest}");
            var expected = entries.Count == 0 ? null : entries[^1].Descriptor.Digest;
            if (previous != expected)
                throw new TrainyardException($"{source}: entry {entries.Count + 1} ({layer.Digest}) says the entry before it is {previous ?? "none"}, " +
                    $"but the {What} lists {expected ?? "none"}; the {What} was edited outside Trainyard — restore the '{Tag}' tag from a backup");
            entries.Add(entry);
        }
        return entries;
    }

    /// <summary>
    /// Appends the entry <paramref name="contentFor"/> makes for the digest of the last entry (null when none), and
    /// returns the log with it. Call it under the store's lock; it reads the head back and appends again on top of
    /// another machine's entry should one land at the same moment.
    /// </summary>
    public async Task<IReadOnlyList<Entry>> AppendAsync(IOciStore store, string repository, Func<Entry, string, string?> previousOf,
        Func<string?, byte[]> contentFor, string summary, CancellationToken cancellationToken)
    {
        await store.PushBlobAsync(repository, EmptyConfig, cancellationToken);
        for (var attempt = 0; attempt < TagClaim.Attempts; attempt++)
        {
            var entries = await ReadAsync(store, repository, previousOf, cancellationToken);
            var blob = OciBlobs.Create(EntryMediaType, contentFor(entries.Count == 0 ? null : entries[^1].Descriptor.Digest));
            await store.PushBlobAsync(repository, blob, cancellationToken);
            Entry[] appended = [.. entries, new Entry(blob.Descriptor, blob.Content)];
            var head = new OciManifest(EmptyConfig.Descriptor, [.. appended.Select(e => e.Descriptor)], ArtifactType).ToBlob();
            if (await TagClaim.TryAsync(store, repository, head, Tag, cancellationToken)) return appended;
        }
        throw new TrainyardException($"{store.Location}, {repository}: could not record '{summary}' in the {What}: " +
            $"the '{Tag}' tag kept changing under this run; retry when other runs on this model have finished");
    }

    OciManifest ParseHead(OciBlob head, string source)
    {
        try
        {
            var manifest = OciManifest.Parse(head.Content, source);
            if (manifest.ArtifactType != ArtifactType)
                throw new TrainyardException($"{source}: the '{Tag}' tag names a {manifest.ArtifactType ?? manifest.Config.MediaType}, " +
                    $"not a {What} ({ArtifactType}); the tag is reserved for Trainyard's {What} — move it back or remove it");
            return manifest;
        }
        catch (Trainyard.Runtime.ModelFormatException e)
        {
            throw new TrainyardException(e.Message, innerException: e);
        }
    }
}
