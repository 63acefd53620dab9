namespace Trainyard.Data.Drift;

/// <summary>
/// One column's drift result. <see cref="Test"/> and <see cref="Effects"/> are present for every judged column,
/// whichever method decided; <see cref="Score"/> is the number the verdict compared with <see cref="Threshold"/>
/// (the corrected p-value for a test, else the distance or PSI).
/// </summary>
internal sealed record ColumnDrift(
    string Column,
    DriftColumnKind Kind,
    long ReferenceCount,
    long CurrentCount,
    DriftMethod? Method,
    DriftTest? Test,
    DriftEffects? Effects,
    double? Score,
    double? Threshold,
    DriftVerdict Verdict,
    string Reason)
{
    public static ColumnDrift NotJudged(DriftColumn column, string reason) =>
        new(column.Column, column.Kind, column.ReferenceCount, column.CurrentCount,
            null, null, null, null, null, DriftVerdict.NotJudged, reason);
}

/// <summary>
/// The column's hypothesis test: Kolmogorov–Smirnov (statistic D) for numeric, chi-squared (statistic χ², with
/// degrees of freedom) for categorical. <see cref="CorrectedPValue"/> is set when the test decided the verdict and
/// so belongs to the corrected family.
/// </summary>
internal sealed record DriftTest(
    DriftMethod Method,
    double Statistic,
    int? DegreesOfFreedom,
    double PValue,
    double? CorrectedPValue);

/// <summary>
/// How large the change is, independent of sample size: PSI (both kinds), Wasserstein normed by the reference std
/// (numeric only), Jensen–Shannon distance base 2 (both kinds, over the drift bins).
/// </summary>
internal sealed record DriftEffects(double Psi, double? WassersteinNormed, double JensenShannon);
