namespace Trainyard.Data.Profiling;

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
