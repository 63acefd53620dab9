using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Trainyard.Data.Profiling;

namespace Trainyard.Data.Scanning;

/// <summary>
/// A few hundred tokenized records of one chunk, stored column by column as field offsets, so each column's
/// accumulator can then run over its own fields with only its own state in cache (per record, a worker would touch
/// every column's sketch and hash tables). One per worker, reused for every batch.
/// </summary>
internal sealed class RecordBatch(int columns, int capacity)
{
    private readonly int[] _starts = new int[columns * capacity];
    private readonly int[] _lengths = new int[columns * capacity];
    private readonly long[] _lines = new long[capacity];
    private byte[] _unquoted = new byte[256];
    private int _unquotedUsed;
    private byte[] _chunk = [];  // the chunk's span, kept as fields: a property call per field showed in profiles
    private int _chunkOffset;
    private int _chunkLength;

    public int Capacity => capacity;
    public int Count { get; private set; }

    private ReadOnlySpan<byte> Chunk => _chunk.AsSpan(_chunkOffset, _chunkLength);

    /// <summary>Field offsets are relative to this chunk from now on.</summary>
    public void Start(ScanChunk chunk)
    {
        (_chunk, _chunkOffset, _chunkLength) = (chunk.Buffer, chunk.Offset, chunk.Length);
        Clear();
    }

    public void Clear()
    {
        Count = 0;
        _unquotedUsed = 0;
    }

    /// <summary>A field of the current record; one the tokenizer had to unquote into its scratch buffer is copied.</summary>
    /// <remarks>
    /// Once per field of the scan (20 million at 1M rows), so: one range check on the slot for both arrays (which
    /// have the same length) instead of a bounds check per store, and the field's offset in the chunk by pointer
    /// difference inline (the same test as <c>MemoryExtensions.Overlaps</c>, which was a call per field).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(int column, ReadOnlySpan<byte> value)
    {
        var slot = column * capacity + Count;
        if ((uint)slot >= (uint)_starts.Length) ThrowSlotOutOfRange(column);
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_lengths), (nint)(uint)slot) = value.Length;
        ref var start = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_starts), (nint)(uint)slot);
        if (value.IsEmpty) { start = 0; return; }
        var offset = Unsafe.ByteOffset(
            ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_chunk), (nint)(uint)_chunkOffset),
            ref MemoryMarshal.GetReference(value));
        // In the chunk when 0 <= offset and offset + length <= chunk length (unsigned: a negative offset is huge).
        var inChunk = (nuint)offset <= (nuint)(uint)_chunkLength && (nuint)offset + (nuint)(uint)value.Length <= (nuint)(uint)_chunkLength;
        start = inChunk ? (int)offset : ~CopyUnquoted(value);
    }

    /// <summary>
    /// All fields of a plain record in <paramref name="data"/> (see <see cref="Trainyard.Data.Csv.ICsvRecordSink.PlainRecord"/>)
    /// stored as <see cref="Field"/> would store each; false, storing nothing, when the record does not fit the batch
    /// or the data is not in the chunk (then store field by field).
    /// </summary>
    /// <remarks>
    /// Per field, <see cref="Field"/> reloaded the batch's fields and spilled the tokenizer's locals (stores through
    /// refs may alias them); here they are locals for the whole record, and one range check covers every field.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPlainFields(ReadOnlySpan<byte> data, ReadOnlySpan<int> ends, int start)
    {
        var count = Count;
        var stride = capacity;
        if (ends.Length > columns || (uint)count >= (uint)stride) return false;
        var offset = Unsafe.ByteOffset(
            ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_chunk), (nint)(uint)_chunkOffset),
            ref MemoryMarshal.GetReference(data));
        var chunkLength = (nuint)(uint)_chunkLength;
        if ((nuint)offset > chunkLength || (nuint)offset + (nuint)(uint)data.Length > chunkLength) return false;
        var dataOffset = (int)offset;
        ref var starts = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_starts), (nint)(uint)count);
        ref var lengths = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_lengths), (nint)(uint)count);
        var at = start;
        for (var k = 0; k < ends.Length; k++)
        {
            var end = ends[k];
            var length = end - at;
            var slot = (nint)k * stride;
            Unsafe.Add(ref lengths, slot) = length;
            Unsafe.Add(ref starts, slot) = (dataOffset + at) & (-length >> 31); // 0 for an empty field, without a branch
            at = end + 1;
        }
        return true;
    }

    [DoesNotReturn]
    private void ThrowSlotOutOfRange(int column) =>
        throw new InvalidOperationException($"field {column + 1} of record {Count + 1} does not fit a batch of {capacity} records");

    public void EndRecord(long line) => _lines[Count++] = line;

    /// <summary>A field of the record being tokenized (before <see cref="EndRecord"/>), e.g. to decide whether to keep it.</summary>
    public ReadOnlySpan<byte> Current(int column)
    {
        var slot = column * capacity + Count;
        var start = _starts[slot];
        return start >= 0 ? Chunk.Slice(start, _lengths[slot]) : _unquoted.AsSpan(~start, _lengths[slot]);
    }

    public ColumnFields Column(int column) => new(Chunk, _unquoted.AsSpan(0, _unquotedUsed),
        _starts.AsSpan(column * capacity, Count), _lengths.AsSpan(column * capacity, Count), _lines.AsSpan(0, Count));

    private int CopyUnquoted(ReadOnlySpan<byte> value)
    {
        if (_unquoted.Length - _unquotedUsed < value.Length)
            Array.Resize(ref _unquoted, Math.Max(_unquoted.Length * 2, _unquotedUsed + value.Length));
        var at = _unquotedUsed;
        value.CopyTo(_unquoted.AsSpan(at));
        _unquotedUsed += value.Length;
        return at;
    }
}
