namespace Trainyard.Data.Scanning;

/// <summary>
/// Finds repeated values (whole records, or ids) by their 64-bit hash, shared by all scan workers. Each hash keeps
/// the smallest line it was seen on, and every later-or-earlier repeat reports the larger of the two lines, so the
/// set of lines reported as duplicates is "every occurrence but the first" whatever order the chunks arrive in.
/// Exact up to <c>maxDistinct</c> hashes; beyond that it stops remembering new ones and the count becomes an estimate.
/// </summary>
internal sealed class DuplicateTracker
{
    private const int ShardCount = 64; // enough that two to sixteen workers rarely wait on the same lock
    private readonly Dictionary<ulong, long>[] _shards;
    private readonly long _maxDistinct;
    private readonly int _maxExamples;
    private readonly List<(long Line, ulong Hash, string? Value)> _examples = [];
    private long _distinct;
    private long _duplicates;
    private volatile bool _overflowed;

    public DuplicateTracker(long maxDistinct, int maxExamples)
    {
        _maxDistinct = maxDistinct;
        _maxExamples = maxExamples;
        _shards = new Dictionary<ulong, long>[ShardCount];
        for (var i = 0; i < ShardCount; i++) _shards[i] = new Dictionary<ulong, long>();
    }

    public bool Overflowed => _overflowed;

    /// <summary>Records one occurrence; true when it repeats another, with the later of the two lines.</summary>
    public bool Add(ulong hash, long line, out long duplicateLine)
    {
        var shard = _shards[(int)(hash >> 58)];
        lock (shard)
        {
            if (shard.TryGetValue(hash, out var first))
            {
                duplicateLine = Math.Max(first, line);
                if (line < first) shard[hash] = line;
                Interlocked.Increment(ref _duplicates);
                return true;
            }
            duplicateLine = 0;
            if (_overflowed) return false;
            if (Interlocked.Increment(ref _distinct) > _maxDistinct) { _overflowed = true; return false; }
            shard.Add(hash, line);
            return false;
        }
    }

    /// <summary>Whether a duplicate on <paramref name="line"/> would be among the examples kept (the smallest lines).</summary>
    public bool WantsExample(long line)
    {
        lock (_examples) return _examples.Count < _maxExamples || line < _examples[^1].Line;
    }

    public void OfferExample(long line, ulong hash, string? value)
    {
        lock (_examples)
        {
            var index = _examples.FindIndex(e => e.Line > line);
            _examples.Insert(index < 0 ? _examples.Count : index, (line, hash, value));
            if (_examples.Count > _maxExamples) _examples.RemoveAt(_examples.Count - 1);
        }
    }

    /// <summary>The result once every worker is done: <paramref name="occurrences"/> counts everything added.</summary>
    public DuplicateSummary Summarize(long occurrences, DistinctCountEstimate estimate)
    {
        var examples = _examples
            .Select(e => new DuplicateExample(e.Line, _shards[(int)(e.Hash >> 58)].GetValueOrDefault(e.Hash), e.Value))
            .ToList();
        if (!_overflowed) return new DuplicateSummary(_duplicates, IsExact: true, examples);
        var estimated = (long)Math.Max(0, Math.Round(occurrences - estimate.Estimate()));
        return new DuplicateSummary(estimated, IsExact: false, examples);
    }
}
