using System.Runtime.CompilerServices;

namespace Trainyard.Data.Scanning;

/// <summary>
/// Finds repeated values (whole records, or ids) by their 64-bit hash, shared by all scan workers, in memory that
/// does not grow with the file. The top bits of a hash pick one of 64 shards, each with its own lock and an equal
/// share of the cap; workers add a chunk's hashes in one batch, taking each shard's lock once. Each shard counts
/// exactly until its table fills, then keeps a sample of hash space and scales its repeats up (see
/// <see cref="SampledShard"/>), so the count is exact for files with up to about the cap of distinct values and an
/// unbiased estimate beyond.
/// </summary>
internal sealed class DuplicateTracker
{
    private const int ShardCount = 1 << SampledShard.ShardBits;
    private readonly SampledShard[] _shards = new SampledShard[ShardCount];
    private readonly int _maxExamples;

    /// <param name="maxHashes">Hashes held at once, across shards; at least two a shard (128 in all).</param>
    /// <param name="expectedHashes">About how many distinct values will come (0: unknown), so that each shard's table
    /// is made at its final size rather than doubled up to it.</param>
    public DuplicateTracker(long maxHashes, int maxExamples, long expectedHashes = 0)
    {
        var perShard = (int)Math.Clamp(maxHashes / ShardCount, 2, int.MaxValue / 4);
        // A shard's share varies by about its square root; 5% above the mean covers it for any share worth sizing.
        var expectedPerShard = (int)Math.Clamp(expectedHashes / ShardCount * 21 / 20, 0, perShard);
        _maxExamples = maxExamples;
        var tables = HashLineTable.MakeShared(ShardCount, expectedPerShard);
        for (var i = 0; i < ShardCount; i++) _shards[i] = new SampledShard(perShard, maxExamples, tables[i]);
    }

    /// <summary>
    /// The sum of each shard's most hashes held: never less than the most held at once. Read once workers are done.
    /// </summary>
    public long PeakHashes => _shards.Sum(s => (long)s.PeakCount);

    /// <summary>The deepest shard's level: at most a 2^-level share of distinct values is sampled. Read once workers are done.</summary>
    public int Level => _shards.Max(s => s.Level);

    /// <summary>Adds a chunk's hashes. <paramref name="scratch"/> is the caller's, at least as long as <paramref name="pending"/>.</summary>
    /// <remarks>This and the shard's add are AggressiveOptimization, as the scan's other per-record code: ReadyToRun code
    /// was slower here.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<PendingHash> pending, ReadOnlySpan<byte> values, Span<PendingHash> scratch)
    {
        // Counting sort by shard so that each shard's lock is taken once per chunk.
        Span<int> starts = stackalloc int[ShardCount + 1];
        foreach (var item in pending) starts[Shard(item.Hash) + 1]++;
        for (var s = 0; s < ShardCount; s++) starts[s + 1] += starts[s];
        Span<int> next = stackalloc int[ShardCount];
        starts[..ShardCount].CopyTo(next);
        foreach (var item in pending) scratch[next[Shard(item.Hash)]++] = item;

        for (var s = 0; s < ShardCount; s++)
        {
            if (starts[s] == starts[s + 1]) continue;
            var shard = _shards[s];
            lock (shard)
            {
                shard.Add(scratch[starts[s]..starts[s + 1]], values);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Shard(ulong hash) => (int)(hash >> (64 - SampledShard.ShardBits));

    /// <summary>The result once every worker is done. Once sampling starts, examples come from sampled values only.</summary>
    public DuplicateSummary Summarize()
    {
        var examples = _shards.SelectMany(s => s.Examples()).OrderBy(e => e.Line).Take(_maxExamples).ToList();
        return new DuplicateSummary(_shards.Sum(s => s.EstimatedRepeats()), IsExact: _shards.All(s => s.Level == 0), examples);
    }
}
