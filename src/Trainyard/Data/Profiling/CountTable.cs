using System.Runtime.CompilerServices;

namespace Trainyard.Data.Profiling;

/// <summary>
/// The hash table under <see cref="CategoryCounts"/>: chained buckets over a flat entry array, probed with a
/// field's precomputed hash and bytes. A Dictionary keyed by a class with a custom comparer pays two interface
/// calls per probe (shared generic code cannot inline them); this pays none.
/// </summary>
internal sealed class CountTable
{
    private struct Entry
    {
        public ulong Hash;
        public Utf8Key? Key; // null: free
        public long Count;
        public int Next;     // next entry in the bucket's chain, or in the free list; -1 ends it
        public byte Mark;    // the owner's note about this value (0 until it writes one)
    }

    private int[] _buckets = new int[16]; // entry index + 1; 0 is an empty bucket
    private Entry[] _entries = new Entry[8];
    private int _used;                    // entries ever handed out
    private int _free = -1;

    public int Count { get; private set; }

    public bool Contains(HashedField field) => TryAdd(field, 0);

    /// <summary>Adds to the value's count when it is in the table; false when it is not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the AggressiveOptimization batch loops, which cannot inline AggressiveOptimization callees
    public bool TryAdd(HashedField field, long count) => AddAt(field, count) >= 0;

    /// <summary>Adds to the value's count and returns its entry (for <see cref="Mark"/>), or -1 when it is not in the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AddAt(HashedField field, long count)
    {
        var entries = _entries;
        var index = _buckets[(int)field.Hash & (_buckets.Length - 1)] - 1;
        while ((uint)index < (uint)entries.Length)
        {
            ref var entry = ref entries[index];
            if (entry.Hash == field.Hash && field.Bytes.SequenceEqual(entry.Key!.Bytes))
            {
                entry.Count += count;
                return index;
            }
            index = entry.Next;
        }
        return -1;
    }

    /// <summary>Adds one to an entry found before (by <see cref="AddAt"/>) and returns its <see cref="Mark"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte AddOne(int entry)
    {
        ref var e = ref _entries[entry];
        e.Count++;
        return e.Mark;
    }

    /// <summary>Adds one to an entry found before when its <see cref="Mark"/> is <paramref name="mark"/>; false (nothing added) otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AddOneIfMarked(int entry, byte mark)
    {
        ref var e = ref _entries[entry];
        if (e.Mark != mark) return false;
        e.Count++;
        return true;
    }

    /// <summary>
    /// Adds one per field from <paramref name="from"/> on while each is missing or a value of 1–16 bytes that
    /// <paramref name="index"/> finds with <paramref name="mark"/>; returns the index of the first field it did not
    /// count. Only fields with 16 bytes of the chunk from their start: each is keyed by one load and a mask.
    /// </summary>
    /// <remarks>
    /// A loop of its own, with its state in registers: in the caller's loop, which also holds the hashing and rule
    /// paths, the loop state lived on the stack.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int AddKnownShort(ShortValueIndex index, byte mark, ColumnFields fields, int from, ref long missing, ref long known)
    {
        ReadOnlySpan<byte> chunk = fields.Chunk;
        if (chunk.Length < 16) return from;
        ReadOnlySpan<int> starts = fields.Starts, lengths = fields.Lengths[..starts.Length];
        var last = (uint)(chunk.Length - 16); // the last start with 16 bytes to load; a copied field's (negative) start is past it
        long empty = 0;
        var i = from;
        for (; i < starts.Length; i++)
        {
            var length = lengths[i];
            if (length == 0) { empty++; continue; }
            var start = (uint)starts[i];
            if ((uint)(length - 1) >= ShortValueIndex.MaxLength || start > last) break;
            var (low, high) = ShortValueIndex.KeyOf(chunk, start, length);
            var entry = index.Find(low, high, length);
            if (entry < 0 || !AddOneIfMarked(entry, mark)) break;
        }
        missing += empty;
        known += i - from - empty;
        return i;
    }

    /// <summary>A byte the owner keeps with an entry, e.g. a cached answer about its value; cleared when the entry is reused.</summary>
    public ref byte Mark(int entry) => ref _entries[entry].Mark;

    /// <summary>Inserts a value known not to be in the table.</summary>
    public void Insert(Utf8Key key, long count)
    {
        if (Count == _buckets.Length) Resize(_buckets.Length * 2);
        int index;
        if (_free >= 0) { index = _free; _free = _entries[index].Next; }
        else
        {
            if (_used == _entries.Length) Array.Resize(ref _entries, _entries.Length * 2);
            index = _used++;
        }
        ref var bucket = ref _buckets[(int)key.Hash & (_buckets.Length - 1)];
        _entries[index] = new Entry { Hash = key.Hash, Key = key, Count = count, Next = bucket - 1 };
        bucket = index + 1;
        Count++;
    }

    public void Remove(Utf8Key key)
    {
        ref var link = ref _buckets[(int)key.Hash & (_buckets.Length - 1)];
        var previous = -1;
        for (var index = link - 1; index >= 0; previous = index, index = _entries[index].Next)
        {
            if (!ReferenceEquals(_entries[index].Key, key)) continue;
            if (previous < 0) link = _entries[index].Next + 1;
            else _entries[previous].Next = _entries[index].Next;
            _entries[index] = new Entry { Next = _free };
            _free = index;
            Count--;
            return;
        }
    }

    public IEnumerable<(Utf8Key Key, long Count)> Entries()
    {
        for (var i = 0; i < _used; i++)
            if (_entries[i].Key is { } key) yield return (key, _entries[i].Count);
    }

    private void Resize(int buckets)
    {
        _buckets = new int[buckets];
        for (var i = 0; i < _used; i++)
        {
            if (_entries[i].Key is null) continue;
            ref var bucket = ref _buckets[(int)_entries[i].Hash & (buckets - 1)];
            _entries[i].Next = bucket - 1;
            bucket = i + 1;
        }
    }
}
