using System.Runtime.CompilerServices;

namespace Trainyard.Data.Profiling;

/// <summary>
/// Counts distinct field values by their 64-bit <see cref="FieldHash"/>: exactly (a set of hashes) up to a cap, then
/// by <see cref="HyperLogLog"/>. A worker switches only when its own distinct count passes the cap, which implies the
/// whole file's does, so exact-or-estimate is decided by the data alone, never by chunking. "Exact" ignores 64-bit
/// hash collisions (about one in 10^11 for 10,000 values).
/// </summary>
internal sealed class DistinctCounter(int exactCap, int precision)
{
    private HashSet64? _exact = new();
    private HyperLogLog? _estimate;

    public bool IsExact => _exact is not null;

    public long Count => _exact is not null ? _exact.Count : (long)Math.Round(_estimate!.Estimate());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ulong hash)
    {
        if (_exact is null)
        {
            _estimate!.Add(hash);
        }
        else if (_exact.Add(hash) && _exact.Count > exactCap)
        {
            SwitchToEstimate();
        }
    }

    /// <summary>A batch of hashes in order; once estimating, a tight loop whose register updates overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<ulong> hashes)
    {
        var i = 0;
        for (; i < hashes.Length && _exact is not null; i++) Add(hashes[i]);
        if (i < hashes.Length) _estimate!.Add(hashes[i..]);
    }

    public void Merge(DistinctCounter other)
    {
        if (other._exact is not null)
        {
            foreach (var hash in other._exact.Items()) Add(hash);
            return;
        }
        if (_exact is not null) SwitchToEstimate();
        _estimate!.Merge(other._estimate!);
    }

    private void SwitchToEstimate()
    {
        _estimate = new HyperLogLog(precision);
        foreach (var hash in _exact!.Items()) _estimate.Add(hash);
        _exact = null;
    }
}
