namespace Trainyard.Training;

/// <summary>How to train: the task, how long, threads and seed, and the trainer's own parameters.</summary>
public sealed record TrainingSettings
{
    public required TrainingTask Task { get; init; }

    /// <summary>Most boosting rounds.</summary>
    public int Rounds { get; init; } = 500;

    /// <summary>
    /// Stop when the validation metric has not improved for this many rounds; 0 trains every round. The metric is
    /// AUC for binary, mlogloss for multiclass and RMSE for regression, unless the parameters set <c>eval_metric</c>.
    /// With 0, every round is trained and kept, and the validation metric is still recorded each round.
    /// </summary>
    public int EarlyStoppingRounds { get; init; } = 25;

    /// <summary>Threads; 0 means every core. The same seed and thread count give the same model, byte for byte.</summary>
    public int Threads { get; init; }

    public int Seed { get; init; }

    /// <summary>
    /// Trainer parameters passed as they are (XGBoost: <c>max_depth</c>, <c>eta</c>, <c>subsample</c>, …). They win
    /// over the defaults from the task (objective, <c>num_class</c>, <c>eval_metric</c>, <c>tree_method=hist</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Threads to use: <see cref="Threads"/>, or every core when it is 0.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
