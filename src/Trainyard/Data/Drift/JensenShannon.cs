using Trainyard.Runtime.Drift;

namespace Trainyard.Data.Drift;

/// <summary>
/// Jensen–Shannon distance with base-2 logarithms: √(½ KL(p‖m) + ½ KL(q‖m)), m = ½(p + q); 0 for equal
/// distributions, 1 for disjoint ones. Same as scipy.spatial.distance.jensenshannon(p, q, base=2).
/// </summary>
internal static class JensenShannon
{
    /// <summary>Distance between two weight vectors over the same bins; each is normalized to sum 1 first.</summary>
    public static double Distance(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        if (p.Length != q.Length) throw new ArgumentException("Both distributions need the same bins.", nameof(q));
        double pTotal = Sum(p), qTotal = Sum(q);
        if (pTotal <= 0 || qTotal <= 0) throw new ArgumentException("A distribution needs positive total weight.");
        var divergence = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            double pi = p[i] / pTotal, qi = q[i] / qTotal, mi = (pi + qi) / 2;
            // 0 · ln 0 is 0: a bin empty on one side contributes only through the other.
            if (pi > 0) divergence += pi * Math.Log(pi / mi);
            if (qi > 0) divergence += qi * Math.Log(qi / mi);
        }
        return Math.Sqrt(Math.Max(divergence / (2 * Math.Log(2)), 0.0));
    }

    /// <summary>Over the reference's decile bins.</summary>
    public static double Numeric(INumericDistribution reference, INumericDistribution current)
    {
        var edges = DriftBins.NumericEdges(reference);
        return Distance(DriftBins.NumericShares(reference, edges), DriftBins.NumericShares(current, edges));
    }

    /// <summary>Over every category seen on either side, each its own bin (the distance needs no epsilon for empty bins).</summary>
    public static double Categorical(CategoryCounts reference, CategoryCounts current)
    {
        var categories = reference.SeenCategories().Union(current.SeenCategories()).Order(StringComparer.Ordinal).ToArray();
        var p = categories.Select(c => (double)reference.CountOf(c)).ToArray();
        var q = categories.Select(c => (double)current.CountOf(c)).ToArray();
        return Distance(p, q);
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            if (v < 0 || double.IsNaN(v)) throw new ArgumentException("Weights must be non-negative numbers.");
            sum += v;
        }
        return sum;
    }
}
