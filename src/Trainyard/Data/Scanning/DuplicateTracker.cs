using System.Text;

namespace Trainyard.Data.Scanning;

/// <summary>
/// Finds repeated values (whole records, or ids) by their 64-bit hash, shared by all scan workers. Each hash keeps
/// the smallest line it was seen on, and every repeat reports the larger of its line and that one, so the set of
/// lines reported as duplicates is "every occurrence but the first" whatever order chunks arrive in. Workers add a
/// chunk's hashes in one batch, taking each shard's lock once. Exact up to <c>maxDistinct</c> hashes (enforced per
/// shard, as hashes spread evenly); beyond it new hashes are not remembered and the count becomes an estimate.
/// </summary>
internal sealed class DuplicateTracker
{
    private const int ShardBits = 6;
    private const int ShardCount = 1 << ShardBits;
    private readonly HashLineTable[] _shards;
    private readonly long _maxPerShard;
    private readonly int _maxExamples;
    private readonly List<(long Line, ulong Hash, string? Value)> _examples = [];
    private long _duplicates;
    private volatile bool _overflowed;

    public DuplicateTracker(long maxDistinct, int maxExamples)
    {
        _maxPerShard = Math.Max(1, (maxDistinct + ShardCount - 1) / ShardCount);
        _maxExamples = maxExamples;
        _shards = new HashLineTable[ShardCount];
        for (var i = 0; i < ShardCount; i++) _shards[i] = new HashLineTable();
    }

    /// <summary>Adds a chunk's hashes. <paramref name="scratch"/> is the caller's, at least as long as <paramref name="pending"/>.</summary>
    public void Add(ReadOnlySpan<PendingHash> pending, ReadOnlySpan<byte> values, Span<PendingHash> scratch)
    {
        // Counting sort by shard so that each shard's lock is taken once per chunk.
        Span<int> starts = stackalloc int[ShardCount + 1];
        foreach (var item in pending) starts[Shard(item.Hash) + 1]++;
        for (var s = 0; s < ShardCount; s++) starts[s + 1] += starts[s];
        Span<int> next = stackalloc int[ShardCount];
        starts[..ShardCount].CopyTo(next);
        foreach (var item in pending) scratch[next[Shard(item.Hash)]++] = item;

        long duplicates = 0;
        for (var s = 0; s < ShardCount; s++)
        {
            if (starts[s] == starts[s + 1]) continue;
            var shard = _shards[s];
            lock (shard)
            {
                foreach (var item in scratch[starts[s]..starts[s + 1]])
                {
                    if (shard.Count >= _maxPerShard && !shard.TryGetFirstLine(item.Hash, out _)) { _overflowed = true; continue; }
                    if (!shard.AddOrKeepSmallest(item.Hash, item.Line, out var first)) continue;
                    duplicates++;
                    var duplicateLine = Math.Max(first, item.Line);
                    if (WantsExample(duplicateLine))
                        OfferExample(duplicateLine, item.Hash,
                            item.ValueLength == 0 ? null : Encoding.UTF8.GetString(values.Slice(item.ValueStart, item.ValueLength)));
                }
            }
        }
        Interlocked.Add(ref _duplicates, duplicates);
    }

    private static int Shard(ulong hash) => (int)(hash >> (64 - ShardBits));

    private bool WantsExample(long line)
    {
        lock (_examples) return _examples.Count < _maxExamples || line < _examples[^1].Line;
    }

    private void OfferExample(long line, ulong hash, string? value)
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
            .Select(e => new DuplicateExample(e.Line, _shards[Shard(e.Hash)].TryGetFirstLine(e.Hash, out var first) ? first : 0, e.Value))
            .ToList();
        if (!_overflowed) return new DuplicateSummary(_duplicates, IsExact: true, examples);
        var estimated = (long)Math.Max(0, Math.Round(occurrences - estimate.Estimate()));
        return new DuplicateSummary(estimated, IsExact: false, examples);
    }
}
