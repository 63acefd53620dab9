using System.Runtime.CompilerServices;
using Trainyard.Runtime.Drift;

namespace Trainyard.Data.Profiling;

/// <summary>
/// A DDSketch-style quantile sketch (Masson, Rim, Lee, VLDB 2019): a value x &gt; 0 goes to bucket
/// ⌈log_γ x⌉ with γ = (1+α)/(1−α), so every bucket's representative is within relative error α of every value in it.
/// Negative values use a mirrored store, exact zeros a counter. Merging adds bucket counts, which is exact and
/// order-independent. Bucket counts are bounded by collapsing the lowest-magnitude buckets (see <see cref="BucketStore"/>).
/// </summary>
internal sealed class QuantileSketch
{
    private readonly BucketKey _key;
    private long[] _keys = []; // one batch's keys, between the passes of Add(span)
    private int[] _positiveKeys = [];
    private int[] _negativeKeys = [];

    public QuantileSketch(double relativeAccuracy, int maxBuckets)
    {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw new ArgumentOutOfRangeException(nameof(relativeAccuracy));
        RelativeAccuracy = relativeAccuracy;
        _key = new BucketKey(new SketchGeometry(relativeAccuracy).InverseLogGamma);
        Positive = new BucketStore(maxBuckets);
        Negative = new BucketStore(maxBuckets);
    }

    public double RelativeAccuracy { get; }
    public BucketStore Positive { get; }
    /// <summary>Negative values by the bucket of their magnitude.</summary>
    public BucketStore Negative { get; }
    public long ZeroCount { get; private set; }
    public long Count => Positive.Total + Negative.Total + ZeroCount;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(double value)
    {
        if (value > 0) Positive.Add(_key.Of(value));
        else if (value < 0) Negative.Add(_key.Of(-value));
        else ZeroCount++;
    }

    /// <summary>
    /// A batch: keys first, four at a time (<see cref="BucketKey.Of(ReadOnlySpan{double}, Span{long})"/>), then split
    /// by sign without a branch (a column of mixed signs mispredicted every other value), then each store counts its
    /// keys in one loop. Each store still sees its keys in file order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> values)
    {
        if (_keys.Length < values.Length)
            (_keys, _positiveKeys, _negativeKeys) = (new long[Math.Max(values.Length, 512)], new int[Math.Max(values.Length, 512)], new int[Math.Max(values.Length, 512)]);
        var keys = _keys.AsSpan(0, values.Length);
        _key.Of(values, keys);
        var positive = _positiveKeys.AsSpan(0, values.Length);
        var negative = _negativeKeys.AsSpan(0, values.Length);
        int positives = 0, negatives = 0;
        for (var i = 0; i < values.Length; i++)
        {
            // Written to both; the index advances only in the right one (at most i, so always in range).
            var (key, value) = ((int)keys[i], values[i]);
            positive[positives] = key;
            negative[negatives] = key;
            positives += value > 0 ? 1 : 0;
            negatives += value < 0 ? 1 : 0;
        }
        Positive.AddKeys(positive[..positives]);
        Negative.AddKeys(negative[..negatives]);
        ZeroCount += values.Length - positives - negatives;
    }

    public void AddZeros(long count) => ZeroCount += count;

    public void Merge(QuantileSketch other)
    {
        if (other.RelativeAccuracy != RelativeAccuracy) throw new InvalidOperationException("Quantile sketches of different accuracy cannot be merged.");
        Positive.Merge(other.Positive);
        Negative.Merge(other.Negative);
        ZeroCount += other.ZeroCount;
    }

    public int Key(double magnitude) => _key.Of(magnitude);

    /// <summary>The sketch as a profile stores it: dense bucket counts from a start key, per sign.</summary>
    public NumericSketch ToStored()
    {
        var (positiveStart, positive) = Positive.Dense();
        var (negativeStart, negative) = Negative.Dense();
        return new NumericSketch(RelativeAccuracy, Positive.MaxBuckets, ZeroCount, positiveStart, positive, negativeStart, negative);
    }

    /// <summary>Buckets in ascending order of value: (representative, lower, upper, count); zero is (0, 0, 0, n).</summary>
    public IEnumerable<(double Value, double Lower, double Upper, long Count)> Buckets() => ToStored().Buckets();

    /// <summary>See <see cref="NumericSketch.Quantile"/>.</summary>
    public double Quantile(double q) => ToStored().Quantile(q);

    /// <summary>See <see cref="NumericSketch.CountAtMost"/>.</summary>
    public double CountAtMost(double x) => ToStored().CountAtMost(x);
}
