namespace Trainyard.Runtime.Drift;

/// <summary>
/// The bins PSI and Jensen–Shannon share. They depend on the reference alone (never on the current data, unlike
/// Evidently's Sturges bins over both samples), so the same reference always yields the same bins and the numbers
/// of two runs compare.
/// </summary>
internal static class DriftBins
{
    /// <summary>Numeric bins are the reference deciles: ten bins of about a tenth of the reference each.</summary>
    public const int NumericBinCount = 10;

    /// <summary>
    /// Inner bin edges: the reference's deciles (each raised to <see cref="INumericDistribution.BinEdgeAtOrAbove"/>),
    /// ascending, duplicates dropped (a column with a heavy value has fewer, wider bins). Bins are (−∞, e₁], (e₁, e₂],
    /// …, (eₖ, +∞): open-ended, so no current value falls outside.
    /// </summary>
    public static double[] NumericEdges(INumericDistribution reference)
    {
        var edges = new List<double>(NumericBinCount - 1);
        for (var k = 1; k < NumericBinCount; k++)
        {
            var decile = reference.Quantile(k / (double)NumericBinCount);
            if (!double.IsFinite(decile)) continue; // an empty reference has no deciles
            var edge = reference.BinEdgeAtOrAbove(decile);
            if (double.IsFinite(edge) && (edges.Count == 0 || edge > edges[^1])) edges.Add(edge);
        }
        return edges.ToArray();
    }

    /// <summary>The share of <paramref name="distribution"/> in each bin of <paramref name="edges"/>; sums to 1.</summary>
    public static double[] NumericShares(INumericDistribution distribution, double[] edges)
    {
        var shares = new double[edges.Length + 1];
        var below = 0.0;
        for (var i = 0; i < edges.Length; i++)
        {
            // A sketch's CDF may wobble by its error; clamping keeps every share non-negative.
            var cdf = Math.Clamp(distribution.Cdf(edges[i]), below, 1.0);
            shares[i] = cdf - below;
            below = cdf;
        }
        shares[^1] = 1.0 - below;
        return shares;
    }

    /// <summary>
    /// The bin of one value under <paramref name="edges"/>: i for (eᵢ₋₁, eᵢ], as <see cref="NumericShares"/> counts
    /// through the CDF. Allocation-free: the model server calls it per request.
    /// </summary>
    public static int NumericBinOf(ReadOnlySpan<double> edges, double value)
    {
        var i = edges.BinarySearch<double, double>(value); // the generic form: no boxing
        return i >= 0 ? i : ~i;
    }

    /// <summary>
    /// One bin per reference category (ordinal order) plus a last "unseen" bin for every current value the
    /// reference never had. Shares of the non-missing values.
    /// </summary>
    public static (double[] Reference, double[] Current) CategoricalShares(CategoryCounts reference, CategoryCounts current)
    {
        var categories = reference.SeenCategories();
        var referenceShares = new double[categories.Length + 1];
        var currentShares = new double[categories.Length + 1];
        long currentSeen = 0;
        for (var i = 0; i < categories.Length; i++)
        {
            var currentCount = current.CountOf(categories[i]);
            currentSeen += currentCount;
            referenceShares[i] = Share(reference.CountOf(categories[i]), reference.Total);
            currentShares[i] = Share(currentCount, current.Total);
        }
        currentShares[^1] = Share(current.Total - currentSeen, current.Total);
        return (referenceShares, currentShares);
    }

    private static double Share(long count, long total) => total == 0 ? 0.0 : count / (double)total;
}
