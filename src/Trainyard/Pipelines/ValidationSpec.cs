namespace Trainyard.Pipelines;

/// <summary>How ValidateData judges the data beyond the schema file (YAML section <c>validation</c>).</summary>
public sealed record ValidationSpec
{
    /// <summary>Fewer rows than this fails validation.</summary>
    public int MinRows { get; init; } = 1;

    /// <summary>How many example row lines a failed rule shows.</summary>
    public int MaxExamples { get; init; } = 5;

    public DuplicateRowsRule DuplicateRows { get; init; } = new();

    /// <summary>What a column with a single value (no signal to learn from) raises.</summary>
    public CheckSeverity ConstantColumns { get; init; } = CheckSeverity.Warning;

    /// <summary>When true, a row without a label value fails validation; when false such rows are allowed
    /// (and left out of training).</summary>
    public bool LabelRequired { get; init; } = true;
}

/// <summary>Rows that repeat an earlier row exactly (YAML <c>duplicate_rows</c>).</summary>
public sealed record DuplicateRowsRule
{
    public CheckSeverity Severity { get; init; } = CheckSeverity.Warning;

    /// <summary>Share of duplicate rows tolerated before the rule trips, 0..1.</summary>
    public double MaxShare { get; init; }
}

/// <summary>What a tripped check does (YAML <c>off</c>, <c>warning</c>, <c>error</c>).</summary>
public enum CheckSeverity
{
    /// <summary>Not checked.</summary>
    Off,
    /// <summary>Reported; the target still succeeds.</summary>
    Warning,
    /// <summary>Reported; the target fails.</summary>
    Error,
}
