using Trainyard.Targets;
using Trainyard.Artifacts.Monitoring;
using Trainyard.Evaluation;
using Trainyard.Monitoring.Estimation;
using Trainyard.Pipelines;

namespace Trainyard.Monitoring;

/// <summary>
/// The live figures a monitor gate may name, per version, and the gates' verdicts: the arithmetic is the gate
/// grammar's (<see cref="GateComparison"/>), with <c>evaluated</c> the version's own evaluated metric
/// (<c>estimated.auc &gt;= evaluated - 0.05</c> compares with the evaluated <c>auc</c>). A figure that could not be
/// measured (no labels yet, too few scores) is "not measured", which never fails a gate: late labels are normal.
/// </summary>
internal static class MonitorGates
{
    /// <summary>The figures every version has, whatever its task.</summary>
    public static readonly IReadOnlyList<string> ServiceAndDrift =
    [
        "requests", "predictions", "requests_per_s", "p50_latency_ms", "p95_latency_ms", "p99_latency_ms",
        "psi_score", "js_score", "drifted_columns", "drift_share", "success_rate", "invalid_request_rate",
    ];

    public const string EstimatedPrefix = "estimated.";
    public const string PsiPrefix = "psi.";

    /// <summary>Fails (naming the gate's line) when a gate names a figure Monitor does not measure for this model.</summary>
    public static void Check(IReadOnlyList<GateRule> gates, VersionReference production)
    {
        var task = production.Metrics?.TaskScalars()?.Values.Keys.ToArray() ?? [];
        var known = ServiceAndDrift.Concat(task).Concat(LiveEstimate.Names(production.Task).Select(m => EstimatedPrefix + m)).Concat(production.Features.Select(f => PsiPrefix + f)).ToArray();
        foreach (var gate in gates)
            if (!known.Contains(gate.Metric, StringComparer.Ordinal))
                throw new TrainyardException($"monitor gate '{gate.Text.Trim()}': '{gate.Metric}' is not a figure Monitor measures for {production.Source}; closest: "
                    + $"{string.Join(", ", ClosestName.Nearest(gate.Metric, known))} (the task's metrics on labelled traffic, estimated.<metric>, psi.<feature>, {string.Join(", ", ServiceAndDrift)})",
                    gate.Location);
    }

    /// <summary>Every figure of a version under its gate name; null when not measured.</summary>
    public static IReadOnlyDictionary<string, double?> Figures(VersionFigures version)
    {
        var judged = version.Drift.Count(d => d.Verdict != "not_judged");
        var drifted = version.DriftedColumns.Count();
        var figures = new Dictionary<string, double?>(StringComparer.Ordinal)
        {
            ["requests"] = version.Service.Requests,
            ["predictions"] = version.Service.Predictions,
            ["requests_per_s"] = version.Service.RequestsPerSecond,
            ["p50_latency_ms"] = version.Service.P50LatencyMs,
            ["p95_latency_ms"] = version.Service.P95LatencyMs,
            ["p99_latency_ms"] = version.Service.P99LatencyMs,
            ["psi_score"] = version.Predictions?.Psi,
            ["js_score"] = version.Predictions?.JensenShannon,
            ["drifted_columns"] = judged == 0 ? null : drifted,
            ["drift_share"] = judged == 0 ? null : drifted / (double)judged,
            ["success_rate"] = version.Gateway?.SuccessRate,
            ["invalid_request_rate"] = version.Gateway?.InvalidRequestRate,
        };
        foreach (var column in version.Drift) figures[PsiPrefix + column.Column] = column.Psi;
        foreach (var (name, value) in version.Quality) figures[name] = value;
        foreach (var (name, value) in version.Estimated) figures[EstimatedPrefix + name] = value;
        return figures;
    }

    public static IEnumerable<MonitorGateOutcome> Judge(IReadOnlyList<GateRule> gates, VersionFigures version, VersionReference reference)
    {
        var figures = Figures(version);
        var evaluated = reference.Metrics is { } metrics ? MetricLookup.From(metrics) : new Dictionary<string, MetricReading>();
        foreach (var gate in gates)
        {
            var metric = gate.Metric;
            var evaluatedName = metric.StartsWith(EstimatedPrefix, StringComparison.Ordinal) ? metric[EstimatedPrefix.Length..] : metric;
            var anchor = evaluated.GetValueOrDefault(evaluatedName)?.Value;
            var value = figures.GetValueOrDefault(metric);
            var location = gate.Location?.ToString();
            if (value is not { } v)
            {
                yield return new MonitorGateOutcome(gate.Text.Trim(), version.Version, metric, null, anchor, null, "not_measured", $"{metric}: {WhyNotMeasured(metric, version)}", location);
                continue;
            }
            if (GateComparison.Threshold(gate, anchor) is not { } threshold)
            {
                yield return new MonitorGateOutcome(gate.Text.Trim(), version.Version, metric, v, null, null, "not_measured",
                    $"{metric} {MetricLookup.Format(v)}: {reference.Source} has no evaluated {evaluatedName} to compare with", location);
                continue;
            }
            var holds = GateComparison.Holds(gate.Operator, v, threshold);
            yield return new MonitorGateOutcome(gate.Text.Trim(), version.Version, metric, v, anchor, threshold, holds ? "passed" : "failed",
                GateComparison.Sentence(gate, v, threshold, MetricLookup.Format), location);
        }
    }

    static string WhyNotMeasured(string metric, VersionFigures version) => metric switch
    {
        _ when metric.StartsWith(EstimatedPrefix, StringComparison.Ordinal) => "not estimated" + (version.Notes.FirstOrDefault(n => n.Contains("estimat", StringComparison.Ordinal)) is { } n ? $" ({n})" : ""),
        "psi_score" or "js_score" => version.Predictions?.NotMeasured ?? "no scores",
        "drifted_columns" or "drift_share" => "no column could be judged",
        _ when metric.StartsWith(PsiPrefix, StringComparison.Ordinal) => version.Drift.FirstOrDefault(d => PsiPrefix + d.Column == metric)?.Reason ?? "not judged",
        _ when metric.EndsWith("_latency_ms", StringComparison.Ordinal) => "no latency logged",
        "success_rate" or "invalid_request_rate" => version.Gateway is null
            ? "the log holds answered predictions only: --prometheus-url reads the gateway's counts of every request"
            : "the gateway passed it no request in the window",
        _ => version.Notes.FirstOrDefault(n => n.Contains("label", StringComparison.Ordinal)) ?? "no labelled traffic (--labels)",
    };
}
