using System.Globalization;
using Trainyard.Artifacts.Monitoring;
using Trainyard.Data.Scanning;
using Trainyard.Pipelines;
using Trainyard.Registry;

namespace Trainyard.Monitoring;

/// <param name="LogFiles">The prediction-log files to read (<see cref="PredictionLogReader.FilesOf"/>).</param>
/// <param name="LogSource">Where they came from, as the report names it.</param>
/// <param name="Labels">The labels that arrived for logged requests, when given.</param>
internal sealed record MonitorRequest(PipelineSpec Spec, LogWindow Window, IReadOnlyList<string> LogFiles, string LogSource, LiveLabels? Labels)
{
    public IProgress<ScanProgress>? Progress { get; init; }

    /// <summary>Estimated quality (CBPE) per version; null: none (the <c>estimated.*</c> figures are not measured).</summary>
    public QualityEstimator? Estimator { get; init; }

    /// <summary>The gateway's counts of every request per version (<see cref="GatewayOutcomes"/>); null: none.</summary>
    public IReadOnlyDictionary<string, GatewayFigures>? Gateway { get; init; }
}

/// <summary>
/// Monitor: one streaming pass over the window's prediction log, aggregated per served version, then each version's
/// figures against its own package (drift, prediction drift, service, live quality), the monitor gates, the verdict
/// and whether to retrain. The report is returned whatever the verdict; the caller writes it and decides the exit.
/// </summary>
internal static class MonitorRun
{
    public static async Task<MonitorReport> RunAsync(MonitorRequest request, ModelRegistry registry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (spec, window) = (request.Spec, request.Window);
        var production = await registry.FindAsync(AliasName.Production, cancellationToken)
            ?? throw new TrainyardException($"no version of {spec.Name} holds '{AliasName.Production}' in {registry.Location}: nothing is in production to monitor; "
                + "CanaryDeploy (or Promote) a version first");
        var productionReference = await VersionReference.LoadAsync(registry, production, cancellationToken);
        MonitorGates.Check(spec.Monitor.Gates, productionReference);

        var versions = new Dictionary<string, VersionWindow>(StringComparer.Ordinal);
        async ValueTask<VersionWindow> WindowOf(string version)
        {
            if (versions.TryGetValue(version, out var known)) return known;
            var (reference, note) = version == production.Tag ? (productionReference, null)
                : await registry.FindAsync(version, cancellationToken) is { } found ? (await VersionReference.LoadAsync(registry, found, cancellationToken), null)
                : (productionReference, $"{version} is not a version of {spec.Name} in {registry.Location}: compared with {production.Reference} ({AliasName.Production})");
            return versions[version] = new VersionWindow(version, reference, window, request.Estimator, note);
        }

        var reader = new PredictionLogReader(window);
        await reader.ReadAsync(request.LogFiles, async logged => (await WindowOf(logged.Version)).Add(logged, request.Labels), request.Progress, cancellationToken);

        // With nothing logged the window is "no data", whatever the labels say.
        if (request.Labels is { Rows: > 0, Matched: 0 } unmatched && reader.Requests > 0)
            throw new TrainyardException($"{unmatched.File}: none of its {unmatched.Rows} label(s) matches a request logged between {window} "
                + $"({reader.Requests} request(s) read, joined by '{unmatched.Key}'); check that the file labels these requests and that the window covers them");

        var figures = versions.Values.OrderBy(v => ModelVersion.NumberOf(v.Version) ?? int.MaxValue).ThenBy(v => v.Version, StringComparer.Ordinal)
            .Select(v => (Window: v, Figures: v.Figures(spec, window, request.Labels is not null, now) with { Gateway = request.Gateway?.GetValueOrDefault(v.Version) }))
            .ToList();
        var predictions = versions.Values.Sum(v => v.Predictions);
        var noData = predictions < spec.Monitor.MinRows;
        var gates = noData ? [] : figures.SelectMany(f => MonitorGates.Judge(spec.Monitor.Gates, f.Figures, f.Window.Reference)).ToList();

        // Drift of what production serves decides; while it served nothing in the window (a full switch), every version's.
        var judged = figures.Where(f => f.Figures.Version == production.Tag).Select(f => f.Figures).ToList() is { Count: > 0 } own ? own : figures.Select(f => f.Figures).ToList();
        var drifted = judged.SelectMany(f => f.DriftedColumns).Distinct(StringComparer.Ordinal).ToList();
        var failed = gates.Where(g => g.Outcome == "failed").ToList();
        var reasons = new List<string>();
        if (!noData && spec.Monitor.RetrainOn.Contains(RetrainCause.Drift) && drifted.Count > 0) reasons.Add($"drift({string.Join(", ", drifted)})");
        if (spec.Monitor.RetrainOn.Contains(RetrainCause.Quality))
            reasons.AddRange(failed.Where(g => IsQuality(g.Metric, productionReference)).Select(g => g.Message).Distinct(StringComparer.Ordinal));

        var verdict = noData ? "no_data" : failed.Count > 0 ? "degraded" : "healthy";
        return new MonitorReport(spec.Name, production.Tag, window.From, window.To, predictions, reader.Skipped, verdict, reasons.Count > 0, reasons, drifted,
            [.. figures.Select(f => f.Figures)], gates)
        {
            LogSource = request.LogSource,
            Requests = reader.Requests,
            OutsideWindow = reader.Outside,
            Labels = request.Labels is { } labels ? new LabelJoin(labels.File, labels.Key, labels.Rows, labels.Matched, labels.Rows - labels.Matched) : null,
            Summary = Summary(verdict, predictions, window, spec.Monitor, failed, drifted),
            Comparisons = VersionComparisons.Compare(versions.Values, production.Tag),
        };
    }

    /// <summary>A quality figure: one of the task's metrics on labelled traffic, or its estimate.</summary>
    static bool IsQuality(string metric, VersionReference production)
    {
        if (metric.StartsWith(MonitorGates.EstimatedPrefix, StringComparison.Ordinal)) return true;
        return production.Metrics?.TaskScalars()?.Values.ContainsKey(metric) == true;
    }

    static string Summary(string verdict, long predictions, LogWindow window, MonitorSpec spec, IReadOnlyList<MonitorGateOutcome> failed, IReadOnlyList<string> drifted) => verdict switch
    {
        "no_data" when predictions == 0 => $"no predictions logged between {window}",
        "no_data" => string.Create(CultureInfo.InvariantCulture, $"only {predictions} prediction(s) logged between {window}, fewer than monitor.min_rows {spec.MinRows}"),
        "degraded" => $"{failed.Count} monitor gate(s) failed: {string.Join("; ", failed.Select(g => $"{g.Version} {g.Message}"))}",
        _ => drifted.Count > 0 ? $"all monitor gates passed; drifted: {string.Join(", ", drifted)}" : "all monitor gates passed, no input drift",
    };
}
