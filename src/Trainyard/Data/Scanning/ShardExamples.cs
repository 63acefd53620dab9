namespace Trainyard.Data.Scanning;

/// <summary>
/// A <see cref="SampledShard"/>'s earliest repeating lines, kept so that they are right at whatever level the shard
/// ends. At level L the examples are the first K repeats among hashes of depth ≥ L, so an example is worth keeping
/// while fewer than K earlier ones are at least as deep: only those can crowd it out at a level where it still
/// counts. A plain "first K" list would be wrong once a level rise drops some of them: the later lines they had
/// crowded out would already be gone, and which ones those were would depend on arrival order.
/// </summary>
internal sealed class ShardExamples
{
    private readonly int _maxExamples;
    // Ordered by line. Objects, not tuples: a List of a value type is generic code the JIT must compile in every scan.
    private readonly List<Example> _items = [];
    // Per depth d: the K-th earliest kept line at least d deep; a repeat that deep must come before it.
    private readonly long[] _thresholds;

    public ShardExamples(int maxExamples, int depths)
    {
        _maxExamples = maxExamples;
        _thresholds = new long[depths];
        Refresh();
    }

    public IReadOnlyList<Example> Items => _items;

    public bool Wants(long line, int depth) => line < _thresholds[depth];

    public void Add(long line, ulong hash, int depth, string? value)
    {
        var index = _items.FindIndex(e => e.Line > line);
        _items.Insert(index < 0 ? _items.Count : index, new Example(line, hash, depth, value));
        Refresh();
    }

    public void RemoveShallowerThan(int level)
    {
        _items.RemoveAll(e => e.Depth < level);
        Refresh();
    }

    // Drops examples that K earlier, at least as deep ones crowd out, and recomputes the thresholds.
    private void Refresh()
    {
        Array.Fill(_thresholds, _maxExamples > 0 ? long.MaxValue : long.MinValue);
        Span<int> atLeast = stackalloc int[_thresholds.Length]; // kept so far at least d deep
        var kept = 0;
        for (var i = 0; i < _items.Count; i++)
        {
            var item = _items[i];
            if (atLeast[item.Depth] >= _maxExamples) continue;
            _items[kept++] = item;
            for (var d = 0; d <= item.Depth; d++)
                if (++atLeast[d] == _maxExamples) _thresholds[d] = item.Line;
        }
        _items.RemoveRange(kept, _items.Count - kept);
    }

    public sealed record Example(long Line, ulong Hash, int Depth, string? Value);
}
