namespace Trainyard.Training;

/// <summary>
/// A trained model and how it got there. <see cref="ModelJson"/> is XGBoost's JSON model holding the rounds up to
/// and including <see cref="BestIteration"/> only, so it is exactly the early-stopped model; Trainyard.Runtime's
/// scorer reads it as it is.
/// </summary>
public sealed record TrainedModel
{
    public required ReadOnlyMemory<byte> ModelJson { get; init; }

    /// <summary>The best round, counted from 0 (the last one without early stopping); the model has <c>BestIteration + 1</c> rounds.</summary>
    public required int BestIteration { get; init; }

    /// <summary>The validation metric at the best round (the last one without early stopping), or null without a validation set.</summary>
    public double? BestScore { get; init; }

    /// <summary>The validation metric early stopping watched (e.g. <c>auc</c>), or null without a validation set.</summary>
    public string? MetricName { get; init; }

    /// <summary>Rounds boosted before stopping (more than the model keeps when early stopping cut in).</summary>
    public required int RoundsTrained { get; init; }

    /// <summary>The validation metric after each round.</summary>
    public required IReadOnlyList<RoundEvaluation> History { get; init; }

    /// <summary>XGBoost's gain importance of each feature of the saved model, highest total gain first.</summary>
    public required IReadOnlyList<FeatureImportance> Importance { get; init; }

    /// <summary>The parameters the trainer was given, in the order they were set (defaults, then the user's).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; }

    /// <summary>The trainer and its version, e.g. <c>xgboost</c> and <c>1.7.4</c>.</summary>
    public required string Trainer { get; init; }

    public required string TrainerVersion { get; init; }

    /// <summary>
    /// Wall-clock seconds of each phase of the trainer's work, in order (XGBoost's: <c>dmatrix</c>, <c>booster</c>,
    /// <c>first_round</c> (with the binning), <c>other_rounds</c>, <c>evaluate</c>, <c>save</c>, <c>importance</c>), so a slow run shows where its time went.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> PhaseSeconds { get; init; } = [];
}

/// <summary>The validation metric after round <paramref name="Iteration"/> (from 0).</summary>
public sealed record RoundEvaluation(int Iteration, double Value);

/// <summary>
/// A feature's importance: <paramref name="TotalGain"/> sums the loss reduction of every split on it;
/// <paramref name="Gain"/> is the average per split. Features the model never splits on have 0 for both.
/// </summary>
public sealed record FeatureImportance(string Feature, double Gain, double TotalGain);
