namespace Trainyard.Pipelines;

/// <summary>How Train splits the data into training, validation (early stopping, threshold choice) and test (Evaluate) rows.</summary>
public sealed record SplitSpec
{
    /// <summary><c>random</c> (seeded; stratified by class for classification) or <c>time</c> (by <see cref="TimeColumn"/>).</summary>
    public SplitMethod Method { get; init; } = SplitMethod.Random;

    /// <summary>Share of the labelled rows held out for Evaluate, 0 &lt; share &lt; 1 (time split without a cutoff: the latest rows).</summary>
    public double TestShare { get; init; } = 0.2;

    /// <summary>Share of the labelled rows used for early stopping and threshold choice (time split: of the rows before the test rows).</summary>
    public double ValidationShare { get; init; } = 0.1;

    public int Seed { get; init; } = 42;

    /// <summary>Time split: the column that orders rows in time (a datetime or numeric column).</summary>
    public string? TimeColumn { get; init; }

    /// <summary>Time split: rows at or after this instant are the test rows; the latest <see cref="ValidationShare"/> of the rest validate.
    /// Without a cutoff (and without <see cref="NumericCutoff"/>) the latest <see cref="TestShare"/> of the rows are the test rows.</summary>
    public DateTimeOffset? Cutoff { get; init; }

    /// <summary>Time split on a numeric time column (a year, a sequence number): rows whose value is at or after this are the test rows.</summary>
    public double? NumericCutoff { get; init; }

    /// <summary>Where the <c>split</c> section starts in the spec, so split errors (a class too small) can point at it; null when absent.</summary>
    public SourceLocation? Location { get; init; }
}

public enum SplitMethod
{
    Random,
    Time,
}
