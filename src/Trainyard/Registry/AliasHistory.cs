namespace Trainyard.Registry;

/// <summary>
/// The append-only history of alias moves (<see cref="AliasMove"/>), an <see cref="OciLog"/> at the tag
/// <c>history</c>: who pointed which alias where, when and why, for every move.
/// </summary>
internal sealed class AliasHistory
{
    public const string ArtifactType = "application/vnd.trainyard.alias-history.v1";

    static readonly OciLog Log = new(AliasName.HistoryTag, ArtifactType, AliasMove.MediaType, "alias history");

    AliasHistory(IReadOnlyList<AliasMove> moves) => Moves = moves;

    public static readonly AliasHistory Empty = new([]);

    /// <summary>Every move, oldest first.</summary>
    public IReadOnlyList<AliasMove> Moves { get; }

    /// <summary>The move that made <paramref name="alias"/> point where it pointed at <paramref name="at"/>; null when it did not exist yet.</summary>
    public AliasMove? HolderAt(string alias, DateTimeOffset at) => Moves.LastOrDefault(m => m.Alias == alias && m.At <= at);

    /// <summary>Every alias the history knows, in the order each first appeared.</summary>
    public IReadOnlyList<string> Aliases => Moves.Select(m => m.Alias).Distinct(StringComparer.Ordinal).ToList();

    public static async Task<AliasHistory> ReadAsync(IOciStore store, string repository, CancellationToken cancellationToken) =>
        Of(await Log.ReadAsync(store, repository, PreviousOf, cancellationToken));

    /// <summary>
    /// Appends <paramref name="move"/> (its <see cref="AliasMove.Previous"/> is filled in here) and returns the
    /// history with it. Call it under the store's lock.
    /// </summary>
    public static async Task<AliasHistory> AppendAsync(IOciStore store, string repository, AliasMove move, CancellationToken cancellationToken) =>
        Of(await Log.AppendAsync(store, repository, PreviousOf, previous => (move with { Previous = previous }).ToJson(), move.Summary, cancellationToken));

    static string? PreviousOf(OciLog.Entry entry, string source) => AliasMove.Parse(entry.Content, source).Previous;

    static AliasHistory Of(IReadOnlyList<OciLog.Entry> entries) =>
        entries.Count == 0 ? Empty : new([.. entries.Select(e => AliasMove.Parse(e.Content, e.Descriptor.Digest))]);
}
