namespace Trainyard.Deploy.Analysis;

/// <summary>
/// A quantile from histogram buckets exactly as Prometheus' <c>histogram_quantile</c> computes it (promql/quantile.go,
/// bucketQuantile), so the embedded metric source and a Prometheus server give the same latency for the same traffic:
/// linear interpolation within the bucket holding the rank, 0 as the lowest bucket's lower end when its upper bound is
/// above 0, and the highest finite bound when the rank falls in the <c>+Inf</c> bucket.
/// </summary>
internal static class HistogramQuantile
{
    /// <param name="upperBounds">Each bucket's upper bound (<c>le</c>), <c>+Inf</c> among them; any order.</param>
    /// <param name="countsPerBucket">Observations per bucket, not cumulative (a window's increments), one per bound.</param>
    /// <param name="q">The quantile, 0..1 (0.99 for p99).</param>
    /// <returns>NaN when there are no observations, fewer than two buckets or no <c>+Inf</c> bucket (as Prometheus); −∞/+∞ for q below 0/above 1.</returns>
    public static double Of(IReadOnlyList<double> upperBounds, IReadOnlyList<long> countsPerBucket, double q)
    {
        if (upperBounds.Count != countsPerBucket.Count)
            throw new ArgumentException("One count per bucket bound is needed.", nameof(countsPerBucket));
        if (double.IsNaN(q)) return double.NaN;
        if (q < 0) return double.NegativeInfinity;
        if (q > 1) return double.PositiveInfinity;
        if (upperBounds.Count == 0) return double.NaN;

        // Sorted by bound, equal bounds merged, then cumulative: what Prometheus' sort, coalesceBuckets and the
        // cumulative le series give it.
        var buckets = upperBounds.Zip(countsPerBucket)
            .GroupBy(b => b.First).OrderBy(g => g.Key)
            .Select(g => (Bound: g.Key, Count: g.Sum(b => (double)b.Second))).ToArray();
        if (!double.IsPositiveInfinity(buckets[^1].Bound) || buckets.Length < 2) return double.NaN;
        for (var i = 1; i < buckets.Length; i++) buckets[i].Count += buckets[i - 1].Count;

        var observations = buckets[^1].Count;
        if (observations == 0) return double.NaN;
        var rank = q * observations;
        // The first bucket whose cumulative count reaches the rank, searched among all but +Inf (sort.Search over len-1).
        var b = 0;
        while (b < buckets.Length - 1 && buckets[b].Count < rank) b++;

        if (b == buckets.Length - 1) return buckets[^2].Bound;
        if (b == 0 && buckets[0].Bound <= 0) return buckets[0].Bound;
        var (start, end, count) = (0.0, buckets[b].Bound, buckets[b].Count);
        if (b > 0)
        {
            start = buckets[b - 1].Bound;
            count -= buckets[b - 1].Count;
            rank -= buckets[b - 1].Count;
        }
        return start + (end - start) * (rank / count);
    }
}
