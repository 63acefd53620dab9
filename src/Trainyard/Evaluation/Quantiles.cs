using Trainyard.Artifacts.Metrics;

namespace Trainyard.Evaluation;

internal static class Quantiles
{
    /// <summary>Linear interpolation between the closest ranks of the sorted sample; null for an empty sample.</summary>
    public static double? Of(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) return null;
        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        if (lo >= sorted.Count - 1) return sorted[^1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    public static IReadOnlyList<QuantileValue> Of(IEnumerable<double> values, IReadOnlyList<double> quantiles)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return [];
        return quantiles.Select(q => new QuantileValue(q, Of(sorted, q)!.Value)).ToArray();
    }
}
