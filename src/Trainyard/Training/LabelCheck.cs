namespace Trainyard.Training;

/// <summary>
/// Rejects labels the task cannot learn from, naming the row, before XGBoost reports it less clearly (or, for a
/// binary label of 2, not at all).
/// </summary>
internal static class LabelCheck
{
    public static void Validate(TrainingSet set, TrainingTask task, string setName)
    {
        var labels = set.Labels.Span;
        for (var row = 0; row < labels.Length; row++)
        {
            var label = labels[row];
            var problem = task.Kind switch
            {
                _ when !float.IsFinite(label) => "is missing or not finite",
                TaskKind.Regression => null,
                _ when label != MathF.Floor(label) || label < 0 || label >= task.ClassCount =>
                    $"is not a class index 0..{task.ClassCount - 1}",
                _ => null,
            };
            if (problem is not null)
                throw new TrainyardException(
                    $"The {setName} label at row {row + 1} ({label}) {problem}; {Expectation(task)}.");
        }
        if (set.Weights is { } weights)
            foreach (var weight in weights.Span)
                if (!float.IsFinite(weight) || weight < 0)
                    throw new TrainyardException($"The {setName} set has a weight of {weight}; weights must be finite and not negative.");
    }

    private static string Expectation(TrainingTask task) => task.Kind switch
    {
        TaskKind.BinaryClassification => "binary labels must be 0 or 1",
        TaskKind.MulticlassClassification => $"multiclass labels must be class indices 0..{task.ClassCount - 1}",
        _ => "regression labels must be numbers",
    };
}
