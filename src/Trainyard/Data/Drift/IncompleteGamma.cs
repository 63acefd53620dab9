namespace Trainyard.Data.Drift;

/// <summary>
/// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a), which gives chi-squared tail
/// probabilities: P(χ²ₖ &gt; x) = Q(k/2, x/2). Series below x = a + 1, continued fraction above, each where it
/// converges fast; relative accuracy about 1e-13.
/// </summary>
internal static class IncompleteGamma
{
    private const int MaxIterations = 10_000;
    private const double Epsilon = 1e-15;
    private const double Tiny = 1e-300;

    /// <summary>Q(a, x); scipy.special.gammaincc(a, x).</summary>
    public static double UpperRegularized(double a, double x)
    {
        if (a <= 0 || double.IsNaN(a)) throw new ArgumentOutOfRangeException(nameof(a), "a must be positive.");
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 1.0;
        if (double.IsPositiveInfinity(x)) return 0.0;
        return x < a + 1 ? 1.0 - LowerBySeries(a, x) : UpperByContinuedFraction(a, x);
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7), accurate to about 1e-15.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        ];
        x -= 1;
        var sum = c[0];
        for (var i = 1; i < c.Length; i++) sum += c[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    private static double Prefactor(double a, double x) => Math.Exp(-x + a * Math.Log(x) - LogGamma(a));

    // P(a, x) = e^{−x} x^a / Γ(a) · Σ xⁿ / (a (a+1) … (a+n)).
    private static double LowerBySeries(double a, double x)
    {
        double term = 1.0 / a, sum = term;
        for (var n = 1; n < MaxIterations; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon) break;
        }
        return sum * Prefactor(a, x);
    }

    // Q(a, x) by Legendre's continued fraction, evaluated with the modified Lentz method.
    private static double UpperByContinuedFraction(double a, double x)
    {
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = b + an / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return Prefactor(a, x) * h;
    }
}
