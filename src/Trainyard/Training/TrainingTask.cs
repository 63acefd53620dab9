namespace Trainyard.Training;

/// <summary>What the model predicts.</summary>
public enum TaskKind
{
    /// <summary>Two classes (labels 0 and 1); the model predicts the probability of class 1.</summary>
    BinaryClassification,

    /// <summary>k classes (labels 0..k−1); the model predicts one probability per class.</summary>
    MulticlassClassification,

    /// <summary>A number; the model predicts it.</summary>
    Regression,
}

/// <summary>The task and, for multiclass, how many classes.</summary>
public sealed record TrainingTask
{
    private TrainingTask(TaskKind kind, int classCount)
    {
        Kind = kind;
        ClassCount = classCount;
    }

    public TaskKind Kind { get; }

    /// <summary>2 for binary, k for multiclass, 1 for regression (the number of outputs per row).</summary>
    public int ClassCount { get; }

    public static TrainingTask Binary { get; } = new(TaskKind.BinaryClassification, 2);

    public static TrainingTask Regression { get; } = new(TaskKind.Regression, 1);

    public static TrainingTask Multiclass(int classCount) => classCount >= 2
        ? new(TaskKind.MulticlassClassification, classCount)
        : throw new TrainyardException($"A multiclass task needs at least 2 classes, not {classCount}.");

    /// <summary>Values per row in the model's output: k for multiclass, else 1.</summary>
    public int OutputsPerRow => Kind == TaskKind.MulticlassClassification ? ClassCount : 1;
}
