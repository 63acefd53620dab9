namespace Trainyard.Training;

/// <summary>
/// How to train: which trainer, the task, how long, threads and seed, and the trainer's own parameters. Train builds
/// them from the pipeline spec (<c>training.*</c>, <c>split.seed</c>), passes them through the build's
/// <c>ITrain.TrainingSettings</c> hook, and trains with what the hook returns; the trainer receives them too.
/// </summary>
public sealed record TrainingSettings
{
    /// <summary>
    /// The trainers a spec can pick by name (<c>training.trainer</c>), case-insensitively: <c>xgboost</c>,
    /// <c>fasttree</c> and <c>lightgbm</c> (ML.NET's), unless a build adds its own.
    /// </summary>
    public IReadOnlyDictionary<string, ITrainer> Trainers { get; init; } =
        new Dictionary<string, ITrainer>(StringComparer.OrdinalIgnoreCase)
        {
            ["xgboost"] = new XGBoostTrainer(),
            ["fasttree"] = new MLNet.FastTreeTrainer(),
            ["lightgbm"] = new MLNet.LightGbmTrainer(),
        };

    /// <summary>The name of the trainer to use, one of <see cref="Trainers"/>' keys: the spec's <c>training.trainer</c> (default <c>xgboost</c>).</summary>
    public string Trainer { get; init; } = "xgboost";

    /// <summary>The task, from the spec's <c>task</c> (and, for multiclass, the classes found in the training rows).</summary>
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

    /// <summary>Seed for the trainer's randomness (the spec's <c>split.seed</c>).</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Trainer parameters passed as they are (XGBoost: <c>max_depth</c>, <c>eta</c>, <c>subsample</c>, …). They win
    /// over the defaults from the task (objective, <c>num_class</c>, <c>eval_metric</c>, <c>tree_method=hist</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Where each parameter is written in the spec (its key), for errors; empty when they did not come from a spec.</summary>
    internal IReadOnlyDictionary<string, SourceLocation> ParameterLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>Where <c>training.trainer</c> is written (or the spec file), for errors; null when the settings did not come from a spec.</summary>
    internal SourceLocation? TrainerLocation { get; init; }

    /// <summary>Threads to use: <see cref="Threads"/>, or every core when it is 0.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>
    /// These settings with <paramref name="trainer"/> registered under its <see cref="ITrainer.Name"/> (replacing a
    /// trainer of that name), so a spec can pick it with <c>training.trainer</c>. It does not select it by itself.
    /// </summary>
    public TrainingSettings WithTrainer(ITrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var trainers = new Dictionary<string, ITrainer>(Trainers, StringComparer.OrdinalIgnoreCase) { [trainer.Name] = trainer };
        return this with { Trainers = trainers };
    }
}
