using System.Text.Json.Serialization;

namespace Trainyard.Runtime.Drift;

/// <summary>
/// A quantile sketch as stored in a data profile (docs/profile-format.md): dense bucket counts from a start key, per
/// sign. Positive bucket <c>k</c> holds values in (γ^(k−1), γ^k] with γ = (1+α)/(1−α); negative buckets the same by
/// magnitude. Read-only: the profiler fills its own sketch and stores it as this; ValidateData and the model server
/// read the reference from it.
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
    // Made on demand rather than cached: a cached field would take part in the record's equality.
    [JsonIgnore]
    public SketchGeometry Geometry => new(RelativeAccuracy);

    [JsonIgnore]
    public long Count => ZeroCount + Total(Positive) + Total(Negative);

    // A loop rather than LINQ's Sum, whose long instantiation the JIT compiles in every process that profiles data.
    private static long Total(IReadOnlyList<long> counts)
    {
        long total = 0;
        for (var i = 0; i < counts.Count; i++) total = checked(total + counts[i]);
        return total;
    }

    /// <summary>Non-empty buckets in ascending order of value: (representative, lower, upper, count); zero is (0, 0, 0, n).</summary>
    public IEnumerable<(double Value, double Lower, double Upper, long Count)> Buckets()
    {
        var g = Geometry;
        for (var i = Negative.Count - 1; i >= 0; i--)
            if (Negative[i] != 0)
            {
                var key = NegativeStart + i;
                yield return (-g.Representative(key), -g.UpperBound(key), -g.LowerBound(key), Negative[i]);
            }
        if (ZeroCount > 0) yield return (0, 0, 0, ZeroCount);
        for (var i = 0; i < Positive.Count; i++)
            if (Positive[i] != 0)
            {
                var key = PositiveStart + i;
                yield return (g.Representative(key), g.LowerBound(key), g.UpperBound(key), Positive[i]);
            }
    }

    /// <summary>
    /// The value at rank ⌊q·(n−1)⌋ of the sorted values (numpy's <c>method="lower"</c>), within relative error α;
    /// NaN when empty.
    /// </summary>
    public double Quantile(double q)
    {
        var n = Count;
        if (n == 0) return double.NaN;
        var rank = Math.Clamp(q, 0, 1) * (n - 1);
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

    /// <summary>
    /// How many values are ≤ <paramref name="x"/>, interpolating linearly inside the bucket holding x (exact when x
    /// is a bucket's upper end, see <see cref="SketchGeometry.BucketTop"/>).
    /// </summary>
    public double CountAtMost(double x)
    {
        double below = 0;
        foreach (var (_, lower, upper, count) in Buckets())
        {
            if (upper <= x) below += count;
            else if (lower < x) below += count * (x - lower) / (upper - lower);
            else break;
        }
        return below;
    }
}
