using System.Runtime.CompilerServices;

namespace Trainyard.Data.Profiling;

/// <summary>
/// Counts per integer bucket key over a contiguous window of at most <c>maxBuckets</c> keys. When a new key would
/// widen the window past that, the lowest keys are folded into the window's lowest bucket (DDSketch's
/// "collapsing lowest" store). The window's floor depends only on the highest key ever seen, so the final counts are
/// a function of the multiset of keys — the same for any insertion or merge order.
/// </summary>
internal sealed class BucketStore(int maxBuckets)
{
    private long[] _counts = [];
    private int _offset;  // key of _counts[0]
    private int _minKey;  // window [_minKey, _maxKey], valid when Total > 0
    private int _maxKey;

    public int MaxBuckets { get; } = maxBuckets;
    public long Total { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int key, long count = 1)
    {
        if (count == 0) return;
        if (Total == 0)
        {
            Reserve(key, key);
            _minKey = _maxKey = key;
        }
        else if (key > _maxKey)
        {
            var newMin = Math.Max(_minKey, key - MaxBuckets + 1);
            long collapsed = 0;
            for (var k = _minKey; k < newMin && k <= _maxKey; k++)
            {
                collapsed += _counts[k - _offset];
                _counts[k - _offset] = 0;
            }
            Reserve(newMin, key);
            _minKey = newMin;
            _maxKey = key;
            _counts[newMin - _offset] += collapsed;
        }
        else if (key < _minKey)
        {
            key = Math.Max(key, _maxKey - MaxBuckets + 1);
            if (key < _minKey)
            {
                Reserve(key, _maxKey);
                _minKey = key;
            }
        }
        _counts[key - _offset] += count;
        Total += count;
    }

    /// <summary>One value; inlined for the common case of a key inside the window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddOne(int key)
    {
        if (Total != 0 && key >= _minKey && key <= _maxKey)
        {
            _counts[key - _offset]++;
            Total++;
        }
        else Add(key);
    }

    /// <summary>Keys of one value each, in order: the same counts as <see cref="AddOne"/> per key.</summary>
    /// <remarks>
    /// Runs of keys inside the window are counted with the window in registers and <see cref="Total"/> updated once
    /// per run (a field update per value made each count wait on the previous one's store).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddKeys(ReadOnlySpan<int> keys)
    {
        var i = 0;
        while (i < keys.Length)
        {
            if (Total == 0) { Add(keys[i++]); continue; }
            var (min, max, offset, counts) = (_minKey, _maxKey, _offset, _counts);
            var start = i;
            for (; i < keys.Length; i++)
            {
                var key = keys[i];
                if (key < min || key > max) break;
                counts[key - offset]++;
            }
            Total += i - start;
            if (i < keys.Length) Add(keys[i++]);
        }
    }

    public void Merge(BucketStore other)
    {
        if (other.Total == 0) return;
        for (var k = other._minKey; k <= other._maxKey; k++)
            if (other._counts[k - other._offset] is var count and not 0) Add(k, count);
    }

    /// <summary>
    /// The counts from the lowest to the highest non-empty key, empty ones between included: the sketch as a profile
    /// stores it. A copy of the window, not a list of (key, count) pairs, which would need generic code over a value
    /// type that only the JIT can make, at the end of every scan.
    /// </summary>
    public (int Start, long[] Counts) Dense()
    {
        if (Total == 0) return (0, []);
        int low = _minKey, high = _maxKey;
        while (_counts[low - _offset] == 0) low++;
        while (_counts[high - _offset] == 0) high--;
        var dense = new long[high - low + 1];
        Array.Copy(_counts, low - _offset, dense, 0, dense.Length);
        return (low, dense);
    }

    /// <summary>Non-empty buckets, lowest key first.</summary>
    public IEnumerable<(int Key, long Count)> Ascending()
    {
        if (Total == 0) yield break;
        for (var k = _minKey; k <= _maxKey; k++)
            if (_counts[k - _offset] != 0) yield return (k, _counts[k - _offset]);
    }

    /// <summary>Non-empty buckets, highest key first.</summary>
    public IEnumerable<(int Key, long Count)> Descending()
    {
        if (Total == 0) yield break;
        for (var k = _maxKey; k >= _minKey; k--)
            if (_counts[k - _offset] != 0) yield return (k, _counts[k - _offset]);
    }

    /// <summary>Makes keys <paramref name="low"/>..<paramref name="high"/> addressable; counts outside them must already be zero.</summary>
    private void Reserve(int low, int high)
    {
        if (_counts.Length > 0 && low >= _offset && high < _offset + _counts.Length) return;
        var needed = high - low + 1;
        var capacity = Math.Max(_counts.Length, 32);
        while (capacity < needed) capacity *= 2;
        capacity = Math.Max(needed, Math.Min(capacity, MaxBuckets));
        // Leave the spare room on the side the window is growing towards.
        var growingDown = _counts.Length > 0 && low < _offset;
        var offset = growingDown ? high - capacity + 1 : low;
        var counts = new long[capacity];
        var from = Math.Max(_offset, offset);
        var to = Math.Min(_offset + _counts.Length, offset + capacity);
        if (to > from) Array.Copy(_counts, from - _offset, counts, from - offset, to - from);
        _counts = counts;
        _offset = offset;
    }
}
