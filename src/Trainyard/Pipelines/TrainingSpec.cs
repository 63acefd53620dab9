namespace Trainyard.Pipelines;

/// <summary>How Train fits the model.</summary>
public sealed record TrainingSpec
{
    /// <summary>
    /// Which trainer, by name: <c>xgboost</c>, or one a build registers through its <c>TrainingSettings</c> hook.
    /// Any name loads; Train checks it against the registered trainers.
    /// </summary>
    public string Trainer { get; init; } = "xgboost";

    /// <summary>Where <c>training.trainer</c> is written, so an unknown trainer can be pointed at; null when not written.</summary>
    internal SourceLocation? TrainerLocation { get; init; }

    /// <summary>Most boosting rounds.</summary>
    public int Rounds { get; init; } = 500;

    /// <summary>Stop when the validation metric has not improved for this many rounds; 0 turns early stopping off.</summary>
    public int EarlyStoppingRounds { get; init; } = 25;

    /// <summary>Threads; 0 means every core.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Trainer parameters passed as they are (XGBoost: <c>max_depth: 6</c>, <c>eta: 0.1</c>, …); the objective and
    /// metric follow from the task unless set here. XGBoost, FastTree and LightGBM check their own; a build's trainer receives them as written.
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Where each of <see cref="Parameters"/> is written (its key), so a trainer can point at a bad one.</summary>
    internal IReadOnlyDictionary<string, SourceLocation> ParameterLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>Columns not used as features (the label and the id column never are).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];
}
