namespace Trainyard.Deploy.Analysis;

/// <summary>
/// Prometheus' histogram_quantile over one histogram's buckets, so the embedded and the Prometheus metric sources give
/// the same percentile for the same buckets: the rank's bucket is found in the cumulative counts and the value is
/// interpolated linearly within it (the first bucket starts at 0 unless its bound is ≤ 0); a rank in the +Inf bucket
/// gives the highest finite bound. No observations, fewer than two buckets or no +Inf bucket → NaN, as in Prometheus.
/// </summary>
internal static class HistogramQuantile
{
    /// <param name="upperBounds">The buckets' upper bounds in increasing order, +Inf last.</param>
    /// <param name="countsPerBucket">Observations in each bucket (not cumulative), same length.</param>
    /// <param name="q">The quantile, 0–1 (below 0 → −Inf, above 1 → +Inf, as in Prometheus).</param>
    public static double Of(IReadOnlyList<double> upperBounds, IReadOnlyList<long> countsPerBucket, double q)
    {
        if (upperBounds.Count != countsPerBucket.Count)
            throw new ArgumentException($"{upperBounds.Count} bounds but {countsPerBucket.Count} counts", nameof(countsPerBucket));
        if (double.IsNaN(q)) return double.NaN;
        if (q < 0) return double.NegativeInfinity;
        if (q > 1) return double.PositiveInfinity;
        if (upperBounds.Count < 2 || !double.IsPositiveInfinity(upperBounds[^1])) return double.NaN;

        var cumulative = new double[countsPerBucket.Count];
        double running = 0;
        // Negative counts (a source's rounding) are taken as 0, as Prometheus' monotonicity repair does.
        for (var i = 0; i < cumulative.Length; i++) cumulative[i] = running += Math.Max(0, countsPerBucket[i]);
        var observations = cumulative[^1];
        if (observations == 0) return double.NaN;

        var rank = q * observations;
        var b = 0;
        while (b < cumulative.Length - 1 && cumulative[b] < rank) b++;
        if (b == cumulative.Length - 1) return upperBounds[^2];
        if (b == 0 && upperBounds[0] <= 0) return upperBounds[0];

        var start = b == 0 ? 0 : upperBounds[b - 1];
        var below = b == 0 ? 0 : cumulative[b - 1];
        var count = cumulative[b] - below;
        return start + (upperBounds[b] - start) * ((rank - below) / count);
    }
}
