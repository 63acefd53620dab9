using Trainyard.Runtime.Drift;

namespace Trainyard.Data.Drift;

/// <summary>Result of the chi-squared test of the current counts against the reference shares.</summary>
internal sealed record ChiSquaredResult(double Statistic, int DegreesOfFreedom, double PValue);

/// <summary>
/// Chi-squared goodness of fit: are the current category counts a plausible sample from the reference shares?
/// Statistic Σ (observed − expected)² / expected, expected = reference share × current total; p-value from the
/// chi-squared tail with (cells − 1) degrees of freedom, as scipy.stats.chisquare.
/// </summary>
internal static class ChiSquared
{
    /// <summary>
    /// Current values of categories the reference never had go to one "unseen" cell. Its reference share is as if
    /// half an observation had been seen (the Krichevsky–Trofimov pseudo-count), so a new category yields a large,
    /// finite statistic instead of Evidently's division by zero. Without unseen values the test is plain chisquare.
    /// </summary>
    public const double UnseenPseudoCount = 0.5;

    public static ChiSquaredResult Test(CategoryCounts reference, CategoryCounts current)
    {
        if (reference.Total == 0 || current.Total == 0)
            throw new ArgumentException("Both sides need at least one non-missing value.");
        var categories = reference.SeenCategories();
        long seenInCurrent = categories.Sum(current.CountOf);
        var unseen = current.Total - seenInCurrent;
        var referenceWeight = reference.Total + (unseen > 0 ? UnseenPseudoCount : 0.0);

        var statistic = 0.0;
        foreach (var category in categories)
            statistic += Term(current.CountOf(category), reference.CountOf(category) / referenceWeight * current.Total);
        if (unseen > 0)
            statistic += Term(unseen, UnseenPseudoCount / referenceWeight * current.Total);

        var degreesOfFreedom = categories.Length + (unseen > 0 ? 1 : 0) - 1;
        // One cell only: every value is in it on both sides, nothing can differ.
        if (degreesOfFreedom < 1) return new ChiSquaredResult(0.0, 0, 1.0);
        return new ChiSquaredResult(statistic, degreesOfFreedom, Survival(statistic, degreesOfFreedom));
    }

    /// <summary>P(χ²ₖ &gt; x); scipy.stats.chi2.sf(x, k).</summary>
    public static double Survival(double x, int degreesOfFreedom) =>
        IncompleteGamma.UpperRegularized(degreesOfFreedom / 2.0, x / 2.0);

    private static double Term(double observed, double expected) => (observed - expected) * (observed - expected) / expected;
}
