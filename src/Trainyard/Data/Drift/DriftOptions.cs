using System.Collections.Frozen;
using Trainyard.Runtime.Drift;

namespace Trainyard.Data.Drift;

/// <summary>
/// How drift is judged. The defaults follow Evidently's: a reference of at most 1000 values is judged by a test
/// (Kolmogorov–Smirnov / chi-squared, drift when p ≤ 0.05), a larger one by a distance (Wasserstein normed by the
/// reference std / Jensen–Shannon, drift when ≥ 0.1), because on large samples every test finds some "significant"
/// difference. On top: a minimum sample size, a multiple-testing correction and a fixed PSI threshold.
/// </summary>
internal sealed record DriftOptions
{
    /// <summary>Non-missing values each side needs before a column is judged at all.</summary>
    public int MinimumSampleSize { get; init; } = DriftSample.Minimum;

    /// <summary>A reference with at most this many non-missing values is judged by a test; a larger one by a distance.</summary>
    public long LargeReferenceSize { get; init; } = 1000;

    /// <summary>α: a test finds drift when its corrected p-value ≤ this.</summary>
    public double SignificanceLevel { get; init; } = 0.05;

    /// <summary>Wasserstein (normed) and Jensen–Shannon find drift when ≥ this.</summary>
    public double DistanceThreshold { get; init; } = 0.1;

    /// <summary>PSI finds drift when ≥ this (when PSI decides; it is always reported as an effect size).</summary>
    public double PsiThreshold { get; init; } = 0.2;

    public PValueCorrectionMethod Correction { get; init; } = PValueCorrectionMethod.Holm;

    /// <summary>The data set drifts when at least this share of the judged columns drifts.</summary>
    public double DatasetDriftShare { get; init; } = 0.5;

    public DriftSeverity Severity { get; init; } = DriftSeverity.Warning;

    /// <summary>Per-column overrides, by column name.</summary>
    public IReadOnlyDictionary<string, ColumnDriftOptions> Columns { get; init; } =
        FrozenDictionary<string, ColumnDriftOptions>.Empty;

    public ColumnDriftOptions For(string column) =>
        Columns.TryGetValue(column, out var options) ? options : ColumnDriftOptions.Default;

    /// <summary>The threshold a method uses when no column override gives one.</summary>
    public double DefaultThreshold(DriftMethod method) => method switch
    {
        DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquared => SignificanceLevel,
        DriftMethod.Psi => PsiThreshold,
        _ => DistanceThreshold,
    };

    /// <summary>Evidently's choice: a test for a small reference, a distance for a large one.</summary>
    public DriftMethod DefaultMethod(DriftColumnKind kind, long referenceCount) => (kind, referenceCount <= LargeReferenceSize) switch
    {
        (DriftColumnKind.Numeric, true) => DriftMethod.KolmogorovSmirnov,
        (DriftColumnKind.Numeric, false) => DriftMethod.Wasserstein,
        (_, true) => DriftMethod.ChiSquared,
        _ => DriftMethod.JensenShannon,
    };

    /// <summary>Fails with a message saying what to fix.</summary>
    public void Validate()
    {
        if (MinimumSampleSize < 1) Fail($"minimum sample size must be at least 1, not {MinimumSampleSize}");
        if (LargeReferenceSize < 0) Fail($"large reference size cannot be negative ({LargeReferenceSize})");
        if (!(SignificanceLevel is > 0 and < 1)) Fail($"significance level must be between 0 and 1, not {SignificanceLevel}");
        if (!(DistanceThreshold > 0)) Fail($"distance threshold must be positive, not {DistanceThreshold}");
        if (!(PsiThreshold > 0)) Fail($"PSI threshold must be positive, not {PsiThreshold}");
        if (!(DatasetDriftShare is > 0 and <= 1)) Fail($"dataset drift share must be in (0, 1], not {DatasetDriftShare}");
        foreach (var (column, options) in Columns)
        {
            if (options.Threshold is { } t && !(t > 0)) Fail($"column '{column}': threshold must be positive, not {t}");
            if (options.Method is { } m && m.IsTest() && options.Threshold is >= 1)
                Fail($"column '{column}': a {m.DisplayName()} threshold is a significance level below 1, not {options.Threshold}");
        }
    }

    private static void Fail(string message) => throw new TrainyardException("Drift options: " + message + ".");
}

/// <summary>
/// One column's overrides. <see cref="Method"/> null: chosen by reference size. <see cref="Threshold"/> null: the
/// method's default. <see cref="Ignore"/>: reported as not judged and left out of the data set's share.
/// </summary>
internal sealed record ColumnDriftOptions(DriftMethod? Method = null, double? Threshold = null, bool Ignore = false)
{
    public static ColumnDriftOptions Default { get; } = new();
}
