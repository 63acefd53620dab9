using System.Runtime.CompilerServices;

namespace Trainyard.Data.Profiling;

/// <summary>
/// Exact count per distinct value, keyed by UTF-8 bytes so a repeated value costs a hash probe and no allocation.
/// Up to <see cref="Cap"/> distinct values the table is complete. Past it the column is high-cardinality and the
/// table keeps the <see cref="Cap"/> values with the smallest hashes (a bottom-k sample), with exact counts for them.
/// Why not "the first values seen" or a heavy-hitters sketch: both depend on the order values arrive, and the
/// profile must not; a value in the global bottom-k is never evicted on any worker, so its merged count is exact.
/// The price: past the cap, the kept values are a uniform sample of distinct values, not the most frequent ones.
/// </summary>
internal sealed class CategoryCounts
{
    private readonly CountTable _counts = new();
    private PriorityQueue<Utf8Key, ulong>? _largestHashFirst; // created when the cap is first passed
    private ShortValueIndex? _short; // marked short values' entries while complete; dropped when sampling starts (entries then move)
    private const byte Allowed = 1, NotAllowed = 2;

    public CategoryCounts(int cap)
    {
        if (cap < 1) throw new ArgumentOutOfRangeException(nameof(cap));
        Cap = cap;
    }

    public int Cap { get; }

    /// <summary>True while every distinct value seen is in the table.</summary>
    public bool IsComplete => _largestHashFirst is null;

    public int Kept => _counts.Count;

    /// <summary>The kept values' hashes (while complete: every distinct value's).</summary>
    public IEnumerable<ulong> Hashes => _counts.Entries().Select(e => e.Key.Hash);

    public void Add(HashedField field, long count = 1)
    {
        // A huge value is kept as it will be shown (cut, with its length), not whole: a 10 MB field costs ~130 bytes.
        if (field.Bytes.Length > ShownValue.MaxBytes) field = HashedField.Of(System.Text.Encoding.UTF8.GetBytes(ShownValue.Cut(field.Bytes)));
        if (_counts.TryAdd(field, count)) return;
        if (!IsComplete && field.Hash >= _largestHashFirst!.Peek().Hash) return;
        AddNew(Utf8KeyComparer.Instance.Create(field), count);
    }

    /// <summary>
    /// <see cref="Add"/> one occurrence and answer whether <paramref name="allowed"/> holds the value. The answer is
    /// kept with the value's entry, so a repeated value (nearly every one in a categorical column) costs one probe
    /// instead of one here and one in <paramref name="allowed"/>. Always pass the same table.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AddAndCheck(HashedField field, CountTable allowed)
    {
        if (field.Bytes.Length <= ShownValue.MaxBytes && _counts.AddAt(field, 1) is var entry and >= 0)
        {
            ref var mark = ref _counts.Mark(entry);
            if (mark == 0)
            {
                mark = allowed.Contains(field) ? Allowed : NotAllowed;
                if (IsComplete && ShortValueIndex.TryKey(field.Bytes, out var low, out var high)) (_short ??= new()).Add(low, high, field.Bytes.Length, entry);
            }
            return mark == Allowed;
        }
        Add(field);
        return allowed.Contains(field);
    }

    /// <summary>
    /// <see cref="AddAndCheck"/> without a hash, for a value of 1–16 bytes it has answered for before, while the table
    /// is complete; false (nothing counted) otherwise, and the caller takes <see cref="AddAndCheck"/>. Callers use it
    /// only when they need no hash of the value either (a complete table's distinct count is the table itself).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAddKnown(ReadOnlySpan<byte> value, out bool allowed)
    {
        allowed = false;
        if (_short is not { } index || !ShortValueIndex.TryKey(value, out var low, out var high)) return false;
        var entry = index.Find(low, high, value.Length);
        if (entry < 0) return false;
        allowed = _counts.AddOne(entry) == Allowed;
        return true;
    }

    /// <summary>
    /// Counts <paramref name="fields"/> from <paramref name="from"/> on while each is missing or a short value seen
    /// before and allowed (a categorical column's fields nearly always are), as <see cref="TryAddKnown"/> would, and
    /// returns the index of the first field it did not count (the caller takes that one, and any field without 16
    /// bytes of the chunk from its start, the long way).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CountKnown(ColumnFields fields, int from, ref long missing, ref long known) =>
        _short is { } index ? _counts.AddKnownShort(index, Allowed, fields, from, ref missing, ref known) : from;

    public void Merge(CategoryCounts other)
    {
        foreach (var (key, count) in other._counts.Entries())
        {
            var field = new HashedField(key.Bytes, key.Hash);
            if (_counts.TryAdd(field, count)) continue;
            if (IsComplete || key.Hash < _largestHashFirst!.Peek().Hash) AddNew(key, count);
        }
        // A worker that passed the cap has seen more distinct values than the cap, so the merged table has too.
        if (!other.IsComplete && IsComplete) StartSampling();
    }

    /// <summary>Values with counts, most frequent first, ties by value (UTF-8 byte order) so the order is stable.</summary>
    public CategoryCount[] ByCount()
    {
        // Sorted as objects, not (key, count) tuples: generic code over a reference type is precompiled, over a
        // value type it is JIT-compiled at the end of every scan.
        var entries = new Counted[_counts.Count];
        var next = 0;
        foreach (var (key, count) in _counts.Entries()) entries[next++] = new Counted(key, count);
        Array.Sort(entries, static (a, b) =>
        {
            var byCount = b.Count.CompareTo(a.Count);
            return byCount != 0 ? byCount : a.Key.Bytes.AsSpan().SequenceCompareTo(b.Key.Bytes);
        });
        // Values are cut as they are turned into text: a 10 MB field becomes 100 characters and its length.
        var values = new CategoryCount[entries.Length];
        for (var i = 0; i < entries.Length; i++) values[i] = new CategoryCount(ShownValue.Cut(entries[i].Key.Bytes), entries[i].Count);
        return values;
    }

    private sealed record Counted(Utf8Key Key, long Count);

    private void AddNew(Utf8Key key, long count)
    {
        _counts.Insert(key, count);
        if (!IsComplete) _largestHashFirst!.Enqueue(key, key.Hash);
        if (_counts.Count > Cap) StartSampling();
        while (_counts.Count > Cap) _counts.Remove(_largestHashFirst!.Dequeue());
    }

    private void StartSampling()
    {
        if (!IsComplete) return;
        _short = null;
        _largestHashFirst = new PriorityQueue<Utf8Key, ulong>(
            _counts.Entries().Select(e => (e.Key, e.Key.Hash)), Comparer<ulong>.Create(static (a, b) => b.CompareTo(a)));
    }
}
