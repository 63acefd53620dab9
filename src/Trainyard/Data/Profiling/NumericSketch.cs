namespace Trainyard.Data.Profiling;

/// <summary>
/// A <see cref="QuantileSketch"/>'s state as stored in a profile: dense bucket counts from a start key, per sign.
/// Positive bucket <c>k</c> holds values in (γ^(k−1), γ^k] with γ = (1+α)/(1−α); negative buckets the same by magnitude.
/// </summary>
internal sealed record NumericSketch(
    double RelativeAccuracy,
    int MaxBuckets,
    long ZeroCount,
    int PositiveStart,
    IReadOnlyList<long> Positive,
    int NegativeStart,
    IReadOnlyList<long> Negative)
{
    public static NumericSketch From(QuantileSketch sketch)
    {
        var (positiveStart, positive) = Dense(sketch.Positive);
        var (negativeStart, negative) = Dense(sketch.Negative);
        return new NumericSketch(sketch.RelativeAccuracy, sketch.Positive.MaxBuckets, sketch.ZeroCount,
            positiveStart, positive, negativeStart, negative);
    }

    public QuantileSketch ToSketch()
    {
        var sketch = new QuantileSketch(RelativeAccuracy, MaxBuckets);
        for (var i = 0; i < Positive.Count; i++) sketch.Positive.Add(PositiveStart + i, Positive[i]);
        for (var i = 0; i < Negative.Count; i++) sketch.Negative.Add(NegativeStart + i, Negative[i]);
        sketch.AddZeros(ZeroCount);
        return sketch;
    }

    private static (int Start, long[] Counts) Dense(BucketStore store)
    {
        var buckets = store.Ascending().ToArray();
        if (buckets.Length == 0) return (0, []);
        var start = buckets[0].Key;
        var counts = new long[buckets[^1].Key - start + 1];
        foreach (var (key, count) in buckets) counts[key - start] = count;
        return (start, counts);
    }
}
