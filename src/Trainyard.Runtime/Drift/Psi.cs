namespace Trainyard.Runtime.Drift;

/// <summary>
/// Population stability index: Σ (cᵢ − rᵢ) · ln(cᵢ / rᵢ) over bin shares. Rule of thumb: below 0.1 stable,
/// 0.1–0.2 moderate shift, above 0.2 significant shift.
/// </summary>
internal static class Psi
{
    /// <summary>
    /// Shares below this are raised to it, so an empty bin adds a large but finite term. A fixed constant (Evidently
    /// derives it from the data), so a PSI value means the same thing in every run.
    /// </summary>
    public const double EmptyBinShare = 1e-4;

    public static double FromShares(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (reference.Length != current.Length)
            throw new ArgumentException("Reference and current need the same bins.", nameof(current));
        var psi = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var r = Math.Max(reference[i], EmptyBinShare);
            var c = Math.Max(current[i], EmptyBinShare);
            psi += (c - r) * Math.Log(c / r);
        }
        return psi;
    }

    /// <summary>PSI over the reference's decile bins (see <see cref="DriftBins.NumericEdges"/>).</summary>
    public static double Numeric(INumericDistribution reference, INumericDistribution current)
    {
        var edges = DriftBins.NumericEdges(reference);
        return FromShares(DriftBins.NumericShares(reference, edges), DriftBins.NumericShares(current, edges));
    }

    /// <summary>PSI over one bin per reference category plus one "unseen" bin.</summary>
    public static double Categorical(CategoryCounts reference, CategoryCounts current)
    {
        var (referenceShares, currentShares) = DriftBins.CategoricalShares(reference, current);
        return FromShares(referenceShares, currentShares);
    }
}
