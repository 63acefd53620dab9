using Trainyard.Runtime.Drift;

namespace Trainyard.Data.Drift;

/// <summary>
/// Two-sample Kolmogorov–Smirnov test from two distributions (not raw samples): D = sup |F_ref(x) − F_cur(x)|.
/// </summary>
internal static class KolmogorovSmirnov
{
    /// <summary>
    /// Quantile points taken from each distribution. The grid is fixed, so D reproduces; for samples of up to this
    /// many values with an inverse-CDF quantile, the grid contains every data point and D equals scipy's exactly.
    /// </summary>
    public const int GridPoints = 2000;

    public static double Statistic(INumericDistribution reference, INumericDistribution current)
    {
        var d = 0.0;
        foreach (var source in new[] { reference, current })
        {
            d = Math.Max(d, GapAt(source.Min, reference, current));
            d = Math.Max(d, GapAt(source.Max, reference, current));
            for (var k = 0; k <= GridPoints; k++)
                d = Math.Max(d, GapAt(source.Quantile(k / (double)GridPoints), reference, current));
        }
        return d;
    }

    /// <summary>
    /// Two-sided p-value for statistic <paramref name="d"/> from samples of <paramref name="n"/> and
    /// <paramref name="m"/> values: the Kolmogorov limiting distribution at Stephens' finite-sample scaling
    /// λ = (√nₑ + 0.12 + 0.11/√nₑ)·D, nₑ = nm/(n+m). Within about 0.01 of scipy's
    /// ks_2samp(method='asymp') (which evaluates the exact one-sample law at round(nₑ)) for nₑ ≥ 50.
    /// </summary>
    public static double PValue(double d, long n, long m)
    {
        if (n <= 0 || m <= 0) throw new ArgumentOutOfRangeException(nameof(n), "Both samples need values.");
        var en = n * (double)m / (n + m);
        var root = Math.Sqrt(en);
        return KolmogorovSurvival((root + 0.12 + 0.11 / root) * d);
    }

    /// <summary>P(K &gt; λ) for the Kolmogorov distribution; scipy.stats.kstwobign.sf(λ).</summary>
    public static double KolmogorovSurvival(double lambda)
    {
        if (double.IsNaN(lambda)) return double.NaN;
        if (lambda <= 0.2) return 1.0;
        if (lambda < 1.0)
        {
            // The alternating series converges slowly for small λ; the theta-function form of the CDF converges fast there.
            var cdf = 0.0;
            for (var k = 1; k <= 20; k++)
            {
                var odd = 2 * k - 1;
                cdf += Math.Exp(-odd * odd * Math.PI * Math.PI / (8 * lambda * lambda));
            }
            return 1.0 - Math.Sqrt(2 * Math.PI) / lambda * cdf;
        }
        var sf = 0.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * lambda * lambda);
            sf += (k % 2 == 1 ? 2 : -2) * term;
            if (term < 1e-17) break;
        }
        return Math.Clamp(sf, 0.0, 1.0);
    }

    private static double GapAt(double x, INumericDistribution reference, INumericDistribution current) =>
        double.IsFinite(x) ? Math.Abs(reference.Cdf(x) - current.Cdf(x)) : 0.0;
}
