namespace Trainyard.Pipelines;

/// <summary>What Evaluate measures beyond the task's standard metrics.</summary>
public sealed record EvaluationSpec
{
    /// <summary>Binary: a fixed decision threshold; when null it is chosen on the validation split for <see cref="ThresholdObjective"/>.</summary>
    public double? Threshold { get; init; }

    public ThresholdObjective ThresholdObjective { get; init; } = ThresholdObjective.F1;

    /// <summary>Columns whose values define subgroups: metrics per value and the largest gap between groups.</summary>
    public IReadOnlyList<string> Slices { get; init; } = [];

    /// <summary>A slice value with fewer test rows than this is reported but not counted in the gap.</summary>
    public int MinSliceRows { get; init; } = 30;

    /// <summary>A baseline metrics.json (path from the root) for relative gates and the deltas; the registry supplies the production model's later.</summary>
    public string? Baseline { get; init; }
}

/// <summary>What the chosen binary decision threshold maximises on the validation split.</summary>
public enum ThresholdObjective
{
    F1,
    /// <summary>Youden's J: recall + specificity − 1.</summary>
    Youden,
    Accuracy,
}
