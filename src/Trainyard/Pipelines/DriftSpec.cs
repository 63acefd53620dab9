using System.Collections.Frozen;

namespace Trainyard.Pipelines;

/// <summary>
/// How the data is compared with a reference profile (YAML section <c>drift</c>). Without a reference, drift is
/// not checked and ValidateData says so.
/// </summary>
public sealed record DriftSpec
{
    /// <summary>Reference profile JSON, relative to the repository root; null means drift is not checked.</summary>
    public string? Reference { get; init; }

    /// <summary>Significance level for the statistical tests (ks, chisquare), before correction.</summary>
    public double PValue { get; init; } = 0.05;

    /// <summary>Multiple-testing correction across columns.</summary>
    public DriftCorrection Correction { get; init; } = DriftCorrection.Holm;

    /// <summary>Columns with fewer non-missing values than this (in either data set) are not tested.</summary>
    public int MinSampleSize { get; init; } = 30;

    /// <summary>The data set counts as drifted when at least this share of tested columns drifted, 0..1.</summary>
    public double DatasetDriftShare { get; init; } = 0.5;

    /// <summary>Population Stability Index above which a column drifted (for columns tested with psi).</summary>
    public double PsiThreshold { get; init; } = 0.2;

    /// <summary>What detected dataset drift raises: warning or error.</summary>
    public CheckSeverity Severity { get; init; } = CheckSeverity.Warning;

    /// <summary>Per-column overrides by column name; columns not named use the defaults.</summary>
    public IReadOnlyDictionary<string, ColumnDriftSpec> Columns { get; init; } = FrozenDictionary<string, ColumnDriftSpec>.Empty;
}

/// <summary>Overrides for one column's drift check.</summary>
public sealed record ColumnDriftSpec
{
    /// <summary>The test or distance to use; null keeps the default for the column's type.</summary>
    public DriftMethod? Method { get; init; }

    /// <summary>p-value for ks and chisquare, distance for psi, wasserstein and jensenshannon; null keeps the default.</summary>
    public double? Threshold { get; init; }

    /// <summary>Leave this column out of drift checks.</summary>
    public bool Ignore { get; init; }

    /// <summary>Where the override is written, so a problem with it names file:line:col.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    internal SourceLocation? Location { get; init; }

    // Where an override is written is not what it says: two equal overrides stay equal wherever they stand.
    public bool Equals(ColumnDriftSpec? other) =>
        other is not null && Method == other.Method && Threshold == other.Threshold && Ignore == other.Ignore;

    public override int GetHashCode() => HashCode.Combine(Method, Threshold, Ignore);
}

/// <summary>Multiple-testing correction (YAML <c>holm</c>, <c>bonferroni</c>, <c>none</c>).</summary>
public enum DriftCorrection { Holm, Bonferroni, None }

/// <summary>Column drift measures (YAML <c>psi</c>, <c>ks</c>, <c>chisquare</c>, <c>wasserstein</c>, <c>jensenshannon</c>).</summary>
public enum DriftMethod
{
    /// <summary>Population Stability Index.</summary>
    Psi,
    /// <summary>Two-sample Kolmogorov–Smirnov test (numeric).</summary>
    Ks,
    /// <summary>Chi-square test of category frequencies (categorical).</summary>
    ChiSquare,
    /// <summary>Wasserstein (earth mover's) distance (numeric).</summary>
    Wasserstein,
    /// <summary>Jensen–Shannon distance between category frequencies.</summary>
    JensenShannon,
}
