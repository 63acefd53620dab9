namespace Trainyard.Data.Profiling;

/// <summary>
/// Receives one column's fields during a streaming scan. Each scan worker owns its own accumulators and the scan
/// merges them at the end, so an implementation needs no locking, but its result must not depend on how the file
/// was split into chunks or in which order the chunks were merged.
/// </summary>
internal interface IColumnAccumulator
{
    /// <summary>One field: UTF-8 bytes with CSV quoting already removed; empty means missing. <paramref name="line"/> is the 1-based physical line the record starts on.</summary>
    void Add(ReadOnlySpan<byte> field, long line);

    /// <summary>One column's fields over a batch of records, in file order: the same as adding each in turn.</summary>
    void AddBatch(ColumnFields fields)
    {
        for (var i = 0; i < fields.Count; i++) Add(fields[i], fields.Lines[i]);
    }

    /// <summary>Folds another accumulator of the same column (from another worker) into this one.</summary>
    void Merge(IColumnAccumulator other);
}

/// <summary>
/// One column's fields over a batch of records, in file order: field <c>i</c> is <see cref="Chunk"/> at
/// <c>Starts[i]</c>, or, when that is negative, <see cref="Unquoted"/> at <c>~Starts[i]</c> (fields whose doubled
/// quotes had to be undone live in a copy). Empty means missing. <c>Lines[i]</c> is the line its record starts on.
/// </summary>
internal readonly ref struct ColumnFields(ReadOnlySpan<byte> chunk, ReadOnlySpan<byte> unquoted,
    ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, ReadOnlySpan<long> lines)
{
    public ReadOnlySpan<byte> Chunk { get; } = chunk;
    public ReadOnlySpan<byte> Unquoted { get; } = unquoted;
    public ReadOnlySpan<int> Starts { get; } = starts;
    public ReadOnlySpan<int> Lengths { get; } = lengths;
    public ReadOnlySpan<long> Lines { get; } = lines;

    public int Count => Starts.Length;

    public ReadOnlySpan<byte> this[int i]
    {
        get
        {
            var start = Starts[i];
            return start >= 0 ? Chunk.Slice(start, Lengths[i]) : Unquoted.Slice(~start, Lengths[i]);
        }
    }
}
