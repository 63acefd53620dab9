namespace Trainyard.Pipelines;

/// <summary>How Train splits the data into training, validation (early stopping, threshold choice) and test (Evaluate) rows.</summary>
public sealed record SplitSpec
{
    /// <summary><c>random</c> (seeded; stratified by class for classification) or <c>time</c> (by <see cref="TimeColumn"/>).</summary>
    public SplitMethod Method { get; init; } = SplitMethod.Random;

    /// <summary>Share of all rows held out for Evaluate (random split).</summary>
    public double TestShare { get; init; } = 0.2;

    /// <summary>Share of all rows used for early stopping and threshold choice.</summary>
    public double ValidationShare { get; init; } = 0.1;

    public int Seed { get; init; } = 42;

    /// <summary>Time split: the column that orders rows in time (a datetime or numeric column).</summary>
    public string? TimeColumn { get; init; }

    /// <summary>Time split: rows at or after this instant are the test rows; the latest <see cref="ValidationShare"/> of the rest validate.</summary>
    public DateTimeOffset? Cutoff { get; init; }
}

public enum SplitMethod
{
    Random,
    Time,
}
