using Trainyard.Runtime.Drift;

namespace Trainyard.Serving;

/// <summary>
/// A numeric column's drift bin looked up by the value's sketch key instead of computed from its bucket's top: the
/// top is γ^k (an exp per value) and then a search of the edges, while the bin depends on the key alone. So, once,
/// every key the reference sketch holds (and one more each side) gets the bin its top falls in, computed by the very
/// formula <see cref="ByTop"/> uses per value; a value whose key is outside the table, zero, or not finite takes
/// that formula itself. Each value thus lands in exactly the bin it did, whatever exp and log round to
/// (BinsByKeyTests checks it over bucket bounds, edges and their neighbours).
/// </summary>
internal sealed class BinsByKey
{
    /// <summary>Keys a table holds at most (a byte each): the profiler's sketches keep ≤ 2,048 buckets per sign.</summary>
    const int MaxKeys = 4096;
    readonly double[] _edges;
    readonly SketchGeometry _geometry;
    readonly byte[] _positive, _negative; // bin by key − low; empty when the sketch has no bucket of that sign (or too many)
    readonly int _positiveLow, _negativeLow;

    public BinsByKey(double[] edges, NumericSketch sketch)
    {
        _edges = edges;
        _geometry = sketch.Geometry;
        (_positive, _positiveLow) = Table(sketch.PositiveStart, sketch.Positive.Count, key => ByTop(_geometry.UpperBound(key)));
        (_negative, _negativeLow) = Table(sketch.NegativeStart, sketch.Negative.Count, key => ByTop(-_geometry.LowerBound(key)));
    }

    (byte[] Bins, int Low) Table(int start, int count, Func<int, int> binOfKey)
    {
        if (count == 0 || count + 2 > MaxKeys || _edges.Length >= byte.MaxValue) return ([], 0);
        var low = start - 1;
        var bins = new byte[count + 2];
        for (var i = 0; i < bins.Length; i++) bins[i] = (byte)binOfKey(low + i);
        return (bins, low);
    }

    /// <summary>The bin of a non-missing value: i for a bucket top in (eᵢ₋₁, eᵢ].</summary>
    public int BinOf(double value)
    {
        if (value > 0)
        {
            var index = (uint)(_geometry.Key(value) - _positiveLow);
            if (index < (uint)_positive.Length) return _positive[index];
        }
        else if (value < 0)
        {
            var index = (uint)(_geometry.Key(-value) - _negativeLow);
            if (index < (uint)_negative.Length) return _negative[index];
        }
        return ByTop(_geometry.BucketTop(value));
    }

    /// <summary>The bin of a bucket top, as ValidateData counts through the CDF (and as every value was binned before the tables).</summary>
    public int ByTop(double top) => DriftBins.NumericBinOf(_edges, top);
}
