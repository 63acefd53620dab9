using System.Text.Json.Serialization;

namespace Trainyard.Runtime.Packaging;

/// <summary>
/// A model package's config blob: what a listing shows without fetching the layers, and the lineage an audit needs.
/// Fields may be added (with a default); none is removed or renamed without a new <see cref="CurrentFormatVersion"/>.
/// </summary>
internal sealed record ModelMetadata
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The model's name: the pipeline's name (<c>credit-risk</c>), also its repository in the registry.</summary>
    public required string Name { get; init; }

    /// <summary><c>binary</c>, <c>multiclass</c> or <c>regression</c>.</summary>
    public required string Task { get; init; }

    /// <summary>
    /// sha256 over what makes the model what it is — the spec hash, the data hash, the model, featurizer and
    /// signature files — but not when or where it was built: equal keys mean the same model, so Package reuses the
    /// existing version.
    /// </summary>
    public required string ContentKey { get; init; }

    public required DateTimeOffset Created { get; init; }

    /// <summary>Headline test metrics by name (<c>auc</c>, <c>rmse</c>, …) for listings and baselines.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Evaluate's release-gate verdict; null when no gate was checked.</summary>
    public bool? GatesPassed { get; init; }

    public required ModelLineage Lineage { get; init; }

    /// <summary>
    /// The deciles (0.1 … 0.9, numpy's linear method) of the test predictions' scores — binary: the positive class's
    /// probability, multiclass: the top class's, regression: the output — the model server's score histogram bounds.
    /// Null in packages made before they existed (left out of the JSON then, so those bytes and digests stay as they were).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? ScoreDeciles { get; init; }

    /// <summary>
    /// The test split's isotonic calibration, which Monitor's estimated quality (CBPE) maps live scores through:
    /// binary, one for the positive class's probability; multiclass, one per class (one-vs-rest), in class order.
    /// Null for regression and in packages made before it existed (left out of the JSON then, as <see cref="ScoreDeciles"/>).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ClassCalibration>? Calibration { get; init; }

    /// <summary>
    /// The trainer that made the model (<c>xgboost</c>, <c>fasttree</c>, <c>lightgbm</c>, or a build's own); its
    /// version is in <see cref="ModelLineage.Versions"/> under this name. Null in packages made before it existed
    /// (left out of the JSON then, as <see cref="ScoreDeciles"/>).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Trainer { get; init; }
}

/// <summary>One class's fitted isotonic steps (scikit-learn's <c>X_thresholds_</c>, <c>y_thresholds_</c>): score x maps to probability y, linear between.</summary>
internal sealed record ClassCalibration(string Class, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>
/// Where a model came from: enough to audit it and to rebuild it. <see cref="Commit"/> is the git commit (null
/// outside git); the rest comes from Train's run.json and from the machine that packaged it.
/// </summary>
internal sealed record ModelLineage
{
    public required string? Commit { get; init; }

    /// <summary>Whether tracked files had uncommitted changes: such a model cannot be rebuilt from its commit alone.</summary>
    public bool? Dirty { get; init; }

    /// <summary>sha256 of the pipeline spec file the model was trained with.</summary>
    public string? SpecSha256 { get; init; }

    public DataFingerprint? Data { get; init; }

    /// <summary>Training settings (split, rounds, seed, threads…) and the trainer's own parameters, by name.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Trainyard, the trainer library (XGBoost), .NET and the OS, as Train ran them.</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>();

    /// <summary>When Train finished.</summary>
    public DateTimeOffset? TrainedAt { get; init; }

    public BuildOrigin? Built { get; init; }

    /// <summary>
    /// Why the training run started: <c>push</c>, <c>schedule</c>, <c>manual</c>, or what Monitor found
    /// (<c>drift(Income, Age)</c>, <c>quality(auc)</c>); null for a package made before lineage recorded it (left
    /// out of the JSON then, so such a package's bytes and digests stay what they were).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Trigger { get; init; }

    /// <summary>The sha256 (<c>sha256:…</c>) of the monitor.json that triggered the run, when Monitor did.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TriggerReport { get; init; }
}

/// <summary>The training data: the file's path (relative to the repository root) and sha256, its rows, and per split part its rows and the hash of its feature matrix and labels.</summary>
internal sealed record DataFingerprint(string Path, string Sha256, int Rows, IReadOnlyDictionary<string, SplitHash> Splits);

internal sealed record SplitHash(int Rows, string Sha256);

/// <summary>Who packaged the model, on which machine, and the CI run's page when it ran in GitHub Actions.</summary>
internal sealed record BuildOrigin(string User, string Host, string? CiRunUrl);
