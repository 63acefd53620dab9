using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Trainyard.Data.Scanning;

/// <summary>
/// One shard of a <see cref="DuplicateTracker"/> (callers hold its lock). A hash's depth is the number of leading
/// zeros in the bits below the shard bits; at level L the shard keeps only hashes of depth ≥ L, a 2^-L sample of
/// hash space. It starts at level 0 (every hash: exact) and raises the level whenever its table fills, dropping
/// the hashes no longer sampled, so the table never holds more than its capacity. Whether a hash is kept depends
/// only on its value, never on when it arrived, so the final level and everything kept are the same however the
/// file was chunked or split across workers: the level ends at the lowest one whose sample fits.
/// </summary>
/// <param name="table">This shard's table, made for the hashes it is expected to hold (never more than <paramref name="capacity"/>).</param>
internal sealed class SampledShard(int capacity, int maxExamples, HashLineTable table)
{
    public const int ShardBits = 6;
    private const int MaxLevel = 64 - ShardBits;
    private readonly HashLineTable _table = table;
    // Repeats counted by the depth of the repeating hash, so dropping a depth needs no per-hash counter.
    private readonly long[] _repeatsByDepth = new long[MaxLevel + 1];
    private readonly ShardExamples _examples = new(maxExamples, MaxLevel + 1);

    public int Level { get; private set; }

    /// <summary>The most hashes the table has held at once.</summary>
    public int PeakCount { get; private set; }

    /// <summary>The table stores a hash of 0 as 1, so depth treats them alike too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Depth(ulong hash) => Math.Min(BitOperations.LeadingZeroCount(Math.Max(hash, 1UL) << ShardBits), MaxLevel);

    /// <summary>Adds a batch of hashes in order, starting the load of each one's table slot a few hashes ahead:
    /// the table (up to ~0.5 MB a shard) is mostly out of cache, and a load per hash otherwise stalls the add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<PendingHash> items, ReadOnlySpan<byte> values)
    {
        const int Ahead = 8;
        for (var i = 0; i < Math.Min(Ahead, items.Length); i++) _table.Prefetch(items[i].Hash);
        for (var i = 0; i < items.Length; i++)
        {
            if (i + Ahead < items.Length) _table.Prefetch(items[i + Ahead].Hash);
            Add(items[i], values);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in PendingHash item, ReadOnlySpan<byte> values)
    {
        var depth = Depth(item.Hash);
        if (depth < Level) return;
        if (_table.AddOrKeepSmallest(item.Hash, item.Line, out var first))
        {
            _repeatsByDepth[depth]++;
            // The larger of the two lines is the repeat: over all arrivals that names every occurrence but the
            // earliest, in any arrival order.
            var line = Math.Max(first, item.Line);
            if (_examples.Wants(line, depth))
                _examples.Add(line, item.Hash, depth,
                    item.ValueLength == 0 ? null : ShownValue.Cut(values.Slice(item.ValueStart, item.ValueLength)));
            return;
        }
        PeakCount = Math.Max(PeakCount, _table.Count);
        while (_table.Count >= capacity && Level < MaxLevel) Raise();
    }

    private void Raise()
    {
        var level = ++Level;
        _table.RemoveWhere(hash => Depth(hash) < level);
        _examples.RemoveShallowerThan(level);
    }

    /// <summary>Repeats among the sampled hashes, scaled by the inverse of the sampled fraction.</summary>
    public long EstimatedRepeats()
    {
        long sampled = 0;
        for (var depth = Level; depth <= MaxLevel; depth++) sampled += _repeatsByDepth[depth];
        return sampled << Level;
    }

    /// <summary>This shard's earliest repeats (and possibly more; the caller keeps the earliest overall).</summary>
    public IEnumerable<DuplicateExample> Examples() =>
        _examples.Items.Select(e => new DuplicateExample(e.Line, _table.TryGetFirstLine(e.Hash, out var first) ? first : 0, e.Value));
}
