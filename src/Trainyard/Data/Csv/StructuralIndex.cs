using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Trainyard.Data.Csv;

/// <summary>
/// Stage 1 of the tokenizer (as in simdcsv): classifies a window of the data 64 bytes at a time and writes the
/// position of every delimiter, LF, quote and CR into one flat array, so stage 2 walks positions instead of
/// searching per field; after them comes the data's length when the window reaches it. Indexing stops after the first block holding a quote or CR: up to the last LF
/// before that byte records are plain (one line, no quoting), which stage 2 reads from the array alone.
/// </summary>
internal sealed class StructuralIndex
{
    /// <summary>Bytes indexed per window at most: small enough for the array to stay in L1.</summary>
    public const int Window = 4096;
    private const int Block = BlockClasses.Block;

    private readonly byte _delimiter;
    private readonly byte _quote;
    // One entry per byte at most, plus the end-of-data entry, plus a block of slack for the unconditional stores.
    private readonly int[] _entries = new int[Window + 1 + 2 * Block];
    private readonly byte[] _tail = new byte[Block];

    public StructuralIndex(byte delimiter, byte quote)
    {
        _delimiter = delimiter;
        _quote = quote;
    }

    public int[] Entries => _entries;

    /// <summary>Entries written by the last <see cref="Build"/>.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Stage 2 may read every record that starts before this position from the entries alone: each ends at an LF
    /// (or the end of the data) without a quote or CR before it.
    /// </summary>
    public int PlainLimit { get; private set; }

    /// <summary>Whether indexing stopped at a block holding a quote or CR.</summary>
    public bool FoundQuoteOrCR { get; private set; }

    /// <summary>Where indexing stopped: past the window, the data, or the block holding the first quote or CR.</summary>
    public int End { get; private set; }

    /// <summary>Indexes <paramref name="data"/> from <paramref name="start"/> (a record boundary).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Build(ReadOnlySpan<byte> data, int start)
    {
        var end = (int)Math.Min((long)start + Window, data.Length);
        ref var entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref var bytes = ref MemoryMarshal.GetReference(data);
        var count = 0;
        var lastLineEnd = -1;
        var position = start;
        var special = 0UL;
        while (position < end)
        {
            ulong delimiters, lineEnds;
            var length = end - position;
            if (length >= Block) Classify(ref Unsafe.Add(ref bytes, position), out delimiters, out lineEnds, out special);
            else
            {
                data.Slice(position, length).CopyTo(_tail); // the bytes after them are masked off below
                Classify(ref MemoryMarshal.GetArrayDataReference(_tail), out delimiters, out lineEnds, out special);
                var valid = (1UL << length) - 1;
                (delimiters, lineEnds, special) = (delimiters & valid, lineEnds & valid, special & valid);
            }

            // LFs before the first quote or CR end plain records.
            var plainLineEnds = special == 0 ? lineEnds : lineEnds & ((1UL << BitOperations.TrailingZeroCount(special)) - 1);
            if (plainLineEnds != 0) lastLineEnd = position + 63 - BitOperations.LeadingZeroCount(plainLineEnds);

            count = Flatten(ref entries, count, position, delimiters | lineEnds | special);
            position += Math.Min(Block, length);
            if (special != 0) break;
        }

        if (special == 0 && position == data.Length)
        {
            Unsafe.Add(ref entries, count++) = data.Length;
            PlainLimit = data.Length;
        }
        else PlainLimit = lastLineEnd + 1;
        Count = count;
        End = position;
        FoundQuoteOrCR = special != 0;
    }

    /// <summary>Writes each set bit's position, eight at a time without a branch per bit (the slack takes the extra stores).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Flatten(ref int entries, int count, int blockStart, ulong bits)
    {
        var total = count + BitOperations.PopCount(bits);
        ref var at = ref Unsafe.Add(ref entries, count);
        while (bits != 0)
        {
            for (var i = 0; i < 8; i++)
            {
                Unsafe.Add(ref at, i) = blockStart + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
            at = ref Unsafe.Add(ref at, 8);
        }
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Classify(ref byte start, out ulong delimiters, out ulong lineEnds, out ulong special)
    {
        var classes = BlockClasses.Of(ref start, _delimiter, _quote);
        delimiters = classes.Delimiters;
        lineEnds = classes.LineFeeds;
        special = classes.Quotes | classes.CarriageReturns; // either one ends the plain records
    }
}
