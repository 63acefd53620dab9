namespace Trainyard.Tests.Data.Drift;

/// <summary>
/// Reproducible samples without System.Random, so Python can regenerate them bit for bit (apart from the last ulp of
/// log/cos) to compute scipy's expected values. The Python twin, used for every expected value in these tests:
/// <code>
/// M = 2**64
/// def uniforms(seed, n):
///     s = seed; out = []
///     for _ in range(n):
///         s = (s * 6364136223846793005 + 1442695040888963407) % M
///         out.append(((s >> 11) + 0.5) / 2**53)
///     return out
/// def normals(seed, n, mean=0.0, sd=1.0):
///     u = uniforms(seed, 2 * n)
///     return np.array([mean + sd * math.sqrt(-2 * math.log(u[2*i])) * math.cos(2 * math.pi * u[2*i+1]) for i in range(n)])
/// </code>
/// </summary>
internal static class Samples
{
    public static double[] Uniforms(ulong seed, int n)
    {
        var s = seed;
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            s = unchecked(s * 6364136223846793005UL + 1442695040888963407UL);
            values[i] = ((s >> 11) + 0.5) / 9007199254740992.0;
        }
        return values;
    }

    /// <summary>Box–Muller normals.</summary>
    public static double[] Normals(ulong seed, int n, double mean = 0, double sd = 1)
    {
        var u = Uniforms(seed, 2 * n);
        return Enumerable.Range(0, n)
            .Select(i => mean + sd * Math.Sqrt(-2 * Math.Log(u[2 * i])) * Math.Cos(2 * Math.PI * u[2 * i + 1]))
            .ToArray();
    }

    public static ExactDistribution Normal(ulong seed, int n, double mean = 0, double sd = 1) =>
        new(Normals(seed, n, mean, sd));
}
