using System.Runtime.CompilerServices;

namespace Trainyard.Data.Profiling;

/// <summary>
/// A DDSketch-style quantile sketch (Masson, Rim, Lee, VLDB 2019): a value x &gt; 0 goes to bucket
/// ⌈log_γ x⌉ with γ = (1+α)/(1−α), so every bucket's representative is within relative error α of every value in it.
/// Negative values use a mirrored store, exact zeros a counter. Merging adds bucket counts, which is exact and
/// order-independent. Bucket counts are bounded by collapsing the lowest-magnitude buckets (see <see cref="BucketStore"/>).
/// </summary>
internal sealed class QuantileSketch
{
    private readonly double _logGamma;
    private readonly double _inverseLogGamma;
    private readonly double _gamma;
    private readonly BucketKey _key;

    public QuantileSketch(double relativeAccuracy, int maxBuckets)
    {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw new ArgumentOutOfRangeException(nameof(relativeAccuracy));
        RelativeAccuracy = relativeAccuracy;
        _gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _logGamma = Math.Log(_gamma);
        _inverseLogGamma = 1 / _logGamma;
        _key = new BucketKey(_inverseLogGamma);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (value > 0) Positive.AddOne(_key.Of(value));
            else if (value < 0) Negative.AddOne(_key.Of(-value));
            else ZeroCount++;
        }
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

    /// <summary>The value representing a positive bucket: within α of everything in (γ^(key−1), γ^key].</summary>
    public double Representative(int key) => 2 * Math.Exp(key * _logGamma) / (1 + _gamma);

    public double UpperBound(int key) => Math.Exp(key * _logGamma);
    public double LowerBound(int key) => Math.Exp((key - 1) * _logGamma);

    /// <summary>Buckets in ascending order of value: (representative, lower, upper, count); zero is (0, 0, 0, n).</summary>
    public IEnumerable<(double Value, double Lower, double Upper, long Count)> Buckets()
    {
        foreach (var (key, count) in Negative.Descending())
            yield return (-Representative(key), -UpperBound(key), -LowerBound(key), count);
        if (ZeroCount > 0) yield return (0, 0, 0, ZeroCount);
        foreach (var (key, count) in Positive.Ascending())
            yield return (Representative(key), LowerBound(key), UpperBound(key), count);
    }

    /// <summary>
    /// The value at rank ⌊q·(n−1)⌋ of the sorted values (numpy's <c>method="lower"</c>), within relative error α;
    /// NaN when empty.
    /// </summary>
    public double Quantile(double q)
    {
        if (Count == 0) return double.NaN;
        var rank = Math.Clamp(q, 0, 1) * (Count - 1);
        long seen = 0;
        var last = 0.0;
        foreach (var (value, _, _, count) in Buckets())
        {
            seen += count;
            last = value;
            if (seen > rank) return value;
        }
        return last;
    }

    /// <summary>How many values are ≤ <paramref name="x"/>, interpolating linearly inside the bucket holding x.</summary>
    public double CountAtMost(double x)
    {
        double below = 0;
        foreach (var (value, lower, upper, count) in Buckets())
        {
            if (upper <= x) below += count;
            else if (lower < x) below += count * (x - lower) / (upper - lower);
            else break;
        }
        return below;
    }
}
