using Trainyard.Runtime.Drift;

namespace Trainyard.Data.Drift;

/// <summary>
/// Wasserstein-1 (earth mover's) distance between two distributions, ∫₀¹ |F⁻¹(u) − G⁻¹(u)| du, from their quantile
/// functions, so it works on sketches as on samples.
/// </summary>
internal static class Wasserstein
{
    /// <summary>The integral is the midpoint rule on this many equal cells of [0, 1]: fixed, so results reproduce.</summary>
    public const int GridCells = 10_000;

    /// <summary>Floor for the norm, as Evidently: a constant reference column does not divide by zero.</summary>
    public const double MinimumNorm = 0.001;

    /// <summary>scipy.stats.wasserstein_distance on the underlying samples, within the quantile sketch's error.</summary>
    public static double Distance(INumericDistribution reference, INumericDistribution current)
    {
        var sum = 0.0;
        for (var i = 0; i < GridCells; i++)
        {
            var u = (i + 0.5) / GridCells;
            sum += Math.Abs(reference.Quantile(u) - current.Quantile(u));
        }
        return sum / GridCells;
    }

    /// <summary>Distance in units of the reference's standard deviation: a scale-free effect size (Evidently's "normed" distance).</summary>
    public static double Normed(INumericDistribution reference, INumericDistribution current) =>
        Distance(reference, current) / Math.Max(reference.StandardDeviation, MinimumNorm);
}
