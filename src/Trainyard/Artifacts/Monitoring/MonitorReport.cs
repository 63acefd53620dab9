namespace Trainyard.Artifacts.Monitoring;

/// <summary>
/// What Monitor found in one window of the prediction log (artifacts/&lt;pipeline&gt;/monitor.json, docs/monitor.md),
/// read by Retrain and Report. Every figure is per version: more than one version answers while a canary runs.
/// </summary>
/// <param name="Predictions">Predicted rows logged in the window (a batch request holds several).</param>
/// <param name="SkippedLines">Log lines that could not be read (torn by a crash, corrupt), skipped and counted.</param>
/// <param name="Verdict"><c>healthy</c>, <c>degraded</c> (a gate failed) or <c>no_data</c>.</param>
/// <param name="Retrain">True when what <c>monitor.retrain_on</c> names tripped (drift, quality).</param>
/// <param name="RetrainReasons">Why, e.g. <c>drift(Income, Age)</c>, <c>quality(auc 0.71 &lt; 0.74)</c>.</param>
/// <param name="DriftedColumns">The production version's drifted input columns (every version's when production served none).</param>
internal sealed record MonitorReport(
    string Pipeline, string ProductionVersion, DateTimeOffset From, DateTimeOffset To,
    long Predictions, long SkippedLines,
    string Verdict,
    bool Retrain, IReadOnlyList<string> RetrainReasons,
    IReadOnlyList<string> DriftedColumns,
    IReadOnlyList<VersionFigures> Versions,
    IReadOnlyList<MonitorGateOutcome> Gates)
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Where the log was read: a folder, or the containers it was copied out of.</summary>
    public string? LogSource { get; init; }

    /// <summary>Requests logged in the window (one line each).</summary>
    public long Requests { get; init; }

    /// <summary>Lines read but outside the window.</summary>
    public long OutsideWindow { get; init; }

    /// <summary>With <c>--labels</c>: the labels file, its rows, and how many matched a logged prediction.</summary>
    public LabelJoin? Labels { get; init; }

    /// <summary>One sentence for people: why the verdict is what it is.</summary>
    public string Summary { get; init; } = "";

    /// <summary>With labels and more than one version: each other version's quality against production's (an A/B verdict).</summary>
    public IReadOnlyList<VersionComparison> Comparisons { get; init; } = [];

    public static Task<MonitorReport> ReadAsync(string path, CancellationToken cancellationToken = default) => MonitorJson.ReadAsync(path, cancellationToken);

    public Task WriteAsync(string path, CancellationToken cancellationToken = default) => MonitorJson.WriteAsync(path, this, cancellationToken);
}

/// <summary>Every figure of one version over the window.</summary>
/// <param name="Version">The model_version the server logged (<c>v3</c>).</param>
/// <param name="Reference">What it was compared with: <c>credit-risk:v3</c>, or why nothing.</param>
internal sealed record VersionFigures(
    string Version, string? Digest, string Reference,
    ServiceFigures Service,
    IReadOnlyList<FeatureDrift> Drift,
    PredictionDrift? Predictions,
    IReadOnlyDictionary<string, double?> Quality,
    IReadOnlyDictionary<string, double?> Evaluated)
{
    /// <summary>Names of the columns whose drift verdict is drifted.</summary>
    public IEnumerable<string> DriftedColumns => Drift.Where(d => d.Verdict == "drifted").Select(d => d.Column);

    /// <summary>Why the drift summary reads as it does (ValidateData's sentence: "2 of 9 judged columns drifted …").</summary>
    public string DriftSummary { get; init; } = "";

    /// <summary>The estimated metrics (<c>estimated.auc</c> …) from the live scores alone; empty when not estimated.</summary>
    public IReadOnlyDictionary<string, double?> Estimated { get; init; } = new Dictionary<string, double?>();

    /// <summary>Why quality or estimates are empty (no labels, no calibration…), when they are.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Every request the gateway passed to this version, answered or not (from Prometheus); null without a source.</summary>
    public GatewayFigures? Gateway { get; init; }

    /// <summary>The window over time (hourly up to 48h, daily up to 120 days, weekly beyond), oldest first; only buckets that logged a request.</summary>
    public IReadOnlyList<BucketFigures> Buckets { get; init; } = [];
}

/// <summary>
/// A version's requests as the gateway counted them in the window: what the log cannot show, since it holds answered
/// predictions only. <paramref name="Source"/> names where the counts came from (the Prometheus URL and query).
/// </summary>
internal sealed record GatewayFigures(string Source, long Requests, long ServerErrors, long InvalidRequests, double? SuccessRate, double? InvalidRequestRate)
{
    /// <summary>The rates as CanaryDeploy's checks define them: success = not 5xx; invalid = 400.</summary>
    public static GatewayFigures Of(string source, long requests, long serverErrors, long invalid) =>
        new(source, requests, serverErrors, invalid,
            requests == 0 ? null : 1 - serverErrors / (double)requests,
            requests == 0 ? null : invalid / (double)requests);
}

/// <summary>
/// One version's live quality minus another's (production's) on their labelled rows, per metric, with a
/// percentile-bootstrap interval over those rows (Monitoring/Estimation/BootstrapDifference).
/// </summary>
/// <param name="Against">The version subtracted: production.</param>
/// <param name="Rows">Labelled rows of <paramref name="Version"/>; <paramref name="AgainstRows"/> of the other.</param>
internal sealed record VersionComparison(string Version, string Against, long Rows, long AgainstRows, double Confidence, int Resamples, int Seed,
    IReadOnlyList<QualityDifference> Differences);

/// <param name="Verdict"><c>v2 better</c>, <c>v1 better</c> (the interval excludes zero; the metric's direction says which is better) or <c>no difference</c>.</param>
/// <param name="UndefinedResamples">Resamples where the metric was undefined (an AUC on one class), left out.</param>
internal sealed record QualityDifference(string Metric, double Difference, double Lower, double Upper, string Verdict, int UndefinedResamples);

/// <summary>One time bucket of a version: its traffic, drift per feature (the same drift check), score PSI and realized quality.</summary>
/// <param name="ScorePsi">The bucket's scores against the test predictions; null below the minimum sample.</param>
/// <param name="Quality">The task's metrics on the bucket's labelled rows (with <c>--labels</c>); empty without.</param>
internal sealed record BucketFigures(
    DateTimeOffset From, DateTimeOffset To, long Requests, long Predictions,
    IReadOnlyList<BucketDrift> Drift, double? ScorePsi, IReadOnlyDictionary<string, double?> Quality)
{
    /// <summary>Rows of the bucket a label arrived for.</summary>
    public long Labelled { get; init; }
}

/// <summary>One feature in one time bucket: the drift check's verdict and score, and its PSI against the training profile.</summary>
internal sealed record BucketDrift(string Column, string Verdict, double? Score, double? Psi);

/// <summary>Traffic and latency from the log. Latency quantiles come from a sketch within 0.5% relative error.</summary>
internal sealed record ServiceFigures(
    long Requests, long Predictions, double RequestsPerSecond,
    double? P50LatencyMs, double? P95LatencyMs, double? P99LatencyMs,
    IReadOnlyList<CallerFigures> Callers);

internal sealed record CallerFigures(string Caller, long Requests, long Predictions, double? P50LatencyMs, double? P95LatencyMs, double? P99LatencyMs);

/// <summary>One input column's drift against the training profile, as ValidateData's drift check reports it.</summary>
/// <param name="Verdict"><c>drifted</c>, <c>not_drifted</c> or <c>not_judged</c>.</param>
/// <param name="Method">ks, chisquare, wasserstein, jensenshannon or psi: what decided.</param>
/// <param name="Score">The number compared with <paramref name="Threshold"/> (corrected p-value or distance).</param>
internal sealed record FeatureDrift(
    string Column, string Verdict, string? Method, double? Score, double? Threshold,
    double? Psi, double? JensenShannon, double? WassersteinNormed, long ReferenceCount, long CurrentCount, string Reason);

/// <summary>The live score distribution against the version's test predictions (over the package's score deciles).</summary>
internal sealed record PredictionDrift(double? Psi, double? JensenShannon, long Scores, IReadOnlyList<double> Bounds, IReadOnlyList<double> ReferenceShares,
    IReadOnlyList<double> LiveShares, string? NotMeasured = null);

/// <summary>How a labels file joined the log.</summary>
internal sealed record LabelJoin(string File, string Key, long Rows, long Matched, long Unmatched);

/// <summary>One monitor gate on one version.</summary>
/// <param name="Outcome"><c>passed</c>, <c>failed</c>, or <c>not_measured</c> (no labels yet for a quality gate, say): not measured never fails.</param>
/// <param name="Evaluated">The version's evaluated value of the metric (metrics.json), for gates against <c>evaluated</c>.</param>
internal sealed record MonitorGateOutcome(
    string Gate, string Version, string Metric, double? Value, double? Evaluated, double? Threshold, string Outcome, string Message, string? Location = null);
