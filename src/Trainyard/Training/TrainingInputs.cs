namespace Trainyard.Training;

/// <summary>The checks every built-in trainer makes before fitting: settings in range, matching features, valid labels.</summary>
internal static class TrainingInputs
{
    public static void Check(TrainingSet training, TrainingSet? validation, TrainingSettings settings)
    {
        if (settings.Rounds < 1) throw new TrainyardException($"Training needs at least 1 round, not {settings.Rounds}.");
        if (settings.EarlyStoppingRounds < 0 || settings.Threads < 0)
            throw new TrainyardException("Early-stopping rounds and threads cannot be negative (0 turns early stopping off and uses every core).");
        if (validation is not null && !validation.FeatureNames.SequenceEqual(training.FeatureNames))
            throw new TrainyardException("The validation set's features differ from the training set's (names or order).");
        LabelCheck.Validate(training, settings.Task, "training");
        if (validation is not null) LabelCheck.Validate(validation, settings.Task, "validation");
    }
}
