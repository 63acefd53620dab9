namespace Trainyard.Data.Drift;

/// <summary>How a column's drift verdict is reached.</summary>
internal enum DriftMethod
{
    /// <summary>Two-sample Kolmogorov–Smirnov test (numeric); drift when the corrected p-value ≤ the threshold.</summary>
    KolmogorovSmirnov,
    /// <summary>Chi-squared goodness-of-fit test against the reference shares (categorical); drift when the corrected p-value ≤ the threshold.</summary>
    ChiSquared,
    /// <summary>Wasserstein-1 distance divided by the reference standard deviation (numeric); drift when ≥ the threshold.</summary>
    Wasserstein,
    /// <summary>Jensen–Shannon distance, base 2, over the drift bins (both kinds); drift when ≥ the threshold.</summary>
    JensenShannon,
    /// <summary>Population stability index over the drift bins (both kinds); drift when ≥ the threshold.</summary>
    Psi,
}

internal enum DriftColumnKind
{
    Numeric,
    Categorical,
}

internal static class DriftMethodFacts
{
    /// <summary>True for the methods whose verdict rests on a p-value, and so take part in the multiple-testing correction.</summary>
    public static bool IsTest(this DriftMethod method) =>
        method is DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquared;

    public static bool AppliesTo(this DriftMethod method, DriftColumnKind kind) => method switch
    {
        DriftMethod.KolmogorovSmirnov or DriftMethod.Wasserstein => kind == DriftColumnKind.Numeric,
        DriftMethod.ChiSquared => kind == DriftColumnKind.Categorical,
        _ => true,
    };

    public static string DisplayName(this DriftMethod method) => method switch
    {
        DriftMethod.KolmogorovSmirnov => "Kolmogorov–Smirnov",
        DriftMethod.ChiSquared => "chi-squared",
        DriftMethod.Wasserstein => "Wasserstein distance (normed)",
        DriftMethod.JensenShannon => "Jensen–Shannon distance",
        DriftMethod.Psi => "PSI",
        _ => method.ToString(),
    };
}
