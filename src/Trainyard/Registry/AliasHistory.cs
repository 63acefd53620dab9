using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry;

/// <summary>
/// The append-only history of alias moves, kept as OCI content in the model's own repository so it travels with the
/// registry: each entry is a blob (<see cref="AliasMove"/>, naming the entry before it by digest), and the manifest
/// tagged <c>history</c> lists every entry, oldest first. Listing them all in the head — rather than having each
/// entry's manifest point at the previous manifest — keeps old entries reachable from a tag, so neither our garbage
/// collection nor a registry's clean-up of untagged manifests can drop them. Appending writes a new head; no entry
/// is ever rewritten.
/// </summary>
internal sealed class AliasHistory
{
    public const string ArtifactType = "application/vnd.trainyard.alias-history.v1";

    /// <summary>OCI 1.1's empty config, for artifacts whose content is all in their layers.</summary>
    static readonly OciBlob EmptyConfig = OciBlobs.Create("application/vnd.oci.empty.v1+json", "{}"u8.ToArray());

    readonly IReadOnlyList<OciDescriptor> _entries;

    AliasHistory(IReadOnlyList<OciDescriptor> entries, IReadOnlyList<AliasMove> moves) => (_entries, Moves) = (entries, moves);

    public static readonly AliasHistory Empty = new([], []);

    /// <summary>Every move, oldest first.</summary>
    public IReadOnlyList<AliasMove> Moves { get; }

    /// <summary>The move that made <paramref name="alias"/> point where it pointed at <paramref name="at"/>; null when it did not exist yet.</summary>
    public AliasMove? HolderAt(string alias, DateTimeOffset at) => Moves.LastOrDefault(m => m.Alias == alias && m.At <= at);

    /// <summary>Every alias the history knows, in the order each first appeared.</summary>
    public IReadOnlyList<string> Aliases => Moves.Select(m => m.Alias).Distinct(StringComparer.Ordinal).ToList();

    public static async Task<AliasHistory> ReadAsync(IOciStore store, string repository, CancellationToken cancellationToken)
    {
        var head = await store.ReadManifestAsync(repository, AliasName.HistoryTag, cancellationToken);
        if (head is null) return Empty;
        var source = $"{store.Location}, {repository}:{AliasName.HistoryTag}";
        var manifest = ParseHead(head, source);
        var moves = new List<AliasMove>(manifest.Layers.Count);
        foreach (var entry in manifest.Layers)
        {
            var move = AliasMove.Parse(await store.ReadBlobAsync(repository, entry, cancellationToken), $"{source}, entry {entry.Digest}");
            var expected = moves.Count == 0 ? null : manifest.Layers[moves.Count - 1].Digest;
            if (move.Previous != expected)
                throw new TrainyardException($"{source}: entry {moves.Count + 1} ({entry.Digest}) says the entry before it is {move.Previous ?? "none"}, " +
                    $"but the history lists {expected ?? "none"}; the history was edited outside Trainyard — restore the '{AliasName.HistoryTag}' tag from a backup");
            moves.Add(move);
        }
        return new AliasHistory(manifest.Layers, moves);
    }

    /// <summary>
    /// Appends <paramref name="move"/> (its <see cref="AliasMove.Previous"/> is filled in here) and returns the
    /// history with it. Call it under the store's lock; it reads the head back and appends again on top of another
    /// machine's entry should one land at the same moment.
    /// </summary>
    public static async Task<AliasHistory> AppendAsync(IOciStore store, string repository, AliasMove move, CancellationToken cancellationToken)
    {
        await store.PushBlobAsync(repository, EmptyConfig, cancellationToken);
        for (var attempt = 0; attempt < TagClaim.Attempts; attempt++)
        {
            var history = await ReadAsync(store, repository, cancellationToken);
            var linked = move with { Previous = history._entries.Count == 0 ? null : history._entries[^1].Digest };
            var entry = OciBlobs.Create(AliasMove.MediaType, linked.ToJson());
            await store.PushBlobAsync(repository, entry, cancellationToken);
            OciDescriptor[] entries = [.. history._entries, entry.Descriptor];
            var head = new OciManifest(EmptyConfig.Descriptor, entries, ArtifactType).ToBlob();
            if (await TagClaim.TryAsync(store, repository, head, AliasName.HistoryTag, cancellationToken))
                return new AliasHistory(entries, [.. history.Moves, linked]);
        }
        throw new TrainyardException($"{store.Location}, {repository}: could not record '{move.Summary}' in the alias history: " +
            $"the '{AliasName.HistoryTag}' tag kept changing under this run; retry when other runs on this model have finished");
    }

    static OciManifest ParseHead(OciBlob head, string source)
    {
        try
        {
            var manifest = OciManifest.Parse(head.Content, source);
            if (manifest.ArtifactType != ArtifactType)
                throw new TrainyardException($"{source}: the '{AliasName.HistoryTag}' tag names a {manifest.ArtifactType ?? manifest.Config.MediaType}, " +
                    $"not an alias history ({ArtifactType}); the tag is reserved for Trainyard's history — move it back or remove it");
            return manifest;
        }
        catch (Trainyard.Runtime.ModelFormatException e)
        {
            throw new TrainyardException(e.Message, innerException: e);
        }
    }
}
