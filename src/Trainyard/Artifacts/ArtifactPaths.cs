namespace Trainyard.Artifacts;

/// <summary>
/// artifacts/&lt;pipeline&gt;/: the files one target hands the next (ValidateData → Train → Evaluate → Report,
/// Comment, Package), each path in one place so a producer and its readers cannot disagree on a name.
/// </summary>
/// <param name="Directory">artifacts/&lt;pipeline&gt;/, relative to the repository root or absolute.</param>
internal sealed record ArtifactPaths(string Directory)
{
    public const string ValidationFile = "validation.json";
    public const string ProfileFile = "profile.json";
    public const string ModelFile = "model.json";
    public const string FeaturizerFile = "featurizer.json";
    public const string RunFile = "run.json";
    public const string PredictionsFile = "predictions.csv";
    public const string MetricsFile = "metrics.json";
    public const string ReportFile = "report.html";
    public const string CommentFile = "comment.md";
    public const string MonitorFile = "monitor.json";
    public const string MonitorPageFile = "monitor.html";

    /// <summary>ValidateData's: the validation summary.</summary>
    public string Validation => In(ValidationFile);
    /// <summary>ValidateData's: the data's profile (the drift reference is a copy of one).</summary>
    public string Profile => In(ProfileFile);
    /// <summary>Train's: the XGBoost model.</summary>
    public string Model => In(ModelFile);
    public string Featurizer => In(FeaturizerFile);
    /// <summary>Train's: <see cref="RunRecord"/>.</summary>
    public string Run => In(RunFile);
    /// <summary>Train's: the scored test rows (<see cref="Artifacts.PredictionsFile"/>).</summary>
    public string Predictions => In(PredictionsFile);
    /// <summary>Evaluate's: what it measured and the gates' verdicts (Evaluation's MetricsReport).</summary>
    public string Metrics => In(MetricsFile);
    public string Report => In(ReportFile);
    public string Comment => In(CommentFile);
    /// <summary>Monitor's: the production window's verdict (Artifacts.Monitoring.MonitorReport).</summary>
    public string Monitor => In(MonitorFile);
    /// <summary>Monitor's: the monitoring page made from monitor.json (Reporting/MonitorHtml).</summary>
    public string MonitorPage => In(MonitorPageFile);

    /// <summary>What Train writes.</summary>
    public IReadOnlyList<string> TrainOutputs => [Model, Featurizer, Run, Predictions];

    /// <summary>The artifacts Report and Comment render from.</summary>
    public IReadOnlyList<string> ReportSources => [Metrics, Validation, Profile, Run, Predictions];

    string In(string file) => $"{Directory}/{file}";
}
