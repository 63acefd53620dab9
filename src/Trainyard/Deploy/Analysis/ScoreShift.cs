using Trainyard.Runtime.Drift;

namespace Trainyard.Deploy.Analysis;

/// <summary>
/// <c>score_psi</c>: how far the canary's scores moved from stable's in the same window, as the Population Stability
/// Index of Trainyard.Runtime (the one PSI, with its floor for empty bins) over stable's score buckets.
/// </summary>
/// <remarks>
/// Each server's buckets are its own package's score deciles, so two versions rarely share bounds. Stable is the
/// reference (as the reference profile is in drift checks): the canary's counts are moved onto stable's buckets by the
/// same reading of a histogram as <see cref="HistogramQuantile"/> — spread evenly within a bucket, the lowest bucket from
/// 0 when its bound is above 0, the open-ended outer buckets held at their finite edge. With equal bounds nothing moves
/// and the PSI is that of the two count vectors.
/// </remarks>
internal static class ScoreShift
{
    /// <summary>The PSI, or null and why not (a side without a histogram, or fewer scores than <paramref name="minScores"/>).</summary>
    public static (double? Psi, string? NoData) Of(UpstreamWindow canary, UpstreamWindow stable, int minScores)
    {
        foreach (var side in new[] { canary, stable })
        {
            if (side.ScoreBounds.Count < 2)
                return (null, $"no data: {Name(side)} ({side.Version}) exports no score histogram");
            var scores = side.ScoreCounts.Sum();
            if (scores < minScores)
                return (null, $"no data: {scores} of {minScores} scores on {Name(side)}");
        }

        var stableCounts = stable.ScoreCounts.Select(c => (double)c).ToArray();
        var canaryCounts = Rebin(canary.ScoreBounds, canary.ScoreCounts, stable.ScoreBounds);
        return (Psi.FromShares(Shares(stableCounts), Shares(canaryCounts)), null);
    }

    /// <summary>Counts of a histogram with <paramref name="bounds"/> moved onto buckets with <paramref name="target"/> bounds (both with +Inf).</summary>
    public static double[] Rebin(IReadOnlyList<double> bounds, IReadOnlyList<long> counts, IReadOnlyList<double> target)
    {
        var total = counts.Sum();
        var result = new double[target.Count];
        var below = 0.0;
        for (var i = 0; i < target.Count; i++)
        {
            var upTo = double.IsPositiveInfinity(target[i]) ? total : CountAtOrBelow(bounds, counts, target[i]);
            result[i] = Math.Max(0, upTo - below);
            below = Math.Max(below, upTo);
        }
        return result;
    }

    // The cumulative count at x, reading each bucket as HistogramQuantile does; the +Inf bucket counts only at +Inf.
    private static double CountAtOrBelow(IReadOnlyList<double> bounds, IReadOnlyList<long> counts, double x)
    {
        var sum = 0.0;
        for (var j = 0; j < bounds.Count; j++)
        {
            var upper = bounds[j];
            if (double.IsPositiveInfinity(upper)) continue;
            if (x >= upper) { sum += counts[j]; continue; }
            var lower = j == 0 ? (upper > 0 ? 0 : upper) : bounds[j - 1];
            if (x > lower) sum += counts[j] * (x - lower) / (upper - lower);
        }
        return sum;
    }

    private static double[] Shares(double[] counts)
    {
        var total = counts.Sum();
        return [.. counts.Select(c => c / total)];
    }

    private static string Name(UpstreamWindow side) => side.Upstream == "canary" ? "the canary" : side.Upstream;
}
