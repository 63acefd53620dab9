namespace Trainyard.Data.Profiling;

/// <summary>
/// The K smallest line numbers seen. Reports show the earliest example lines of a failing rule; keeping the
/// smallest (rather than the first seen) makes the examples the same however the file was split among workers.
/// </summary>
internal sealed class SmallestLines(int capacity)
{
    private readonly List<long> _lines = []; // ascending, no duplicates

    public IReadOnlyList<long> Lines => _lines;

    public void Add(long line)
    {
        if (capacity == 0 || (_lines.Count == capacity && line >= _lines[^1])) return;
        var index = _lines.BinarySearch(line);
        if (index >= 0) return;
        _lines.Insert(~index, line);
        if (_lines.Count > capacity) _lines.RemoveAt(_lines.Count - 1);
    }

    public void Merge(SmallestLines other)
    {
        for (var i = 0; i < other._lines.Count; i++) Add(other._lines[i]); // no List<long> enumerator to JIT-compile
    }
}
