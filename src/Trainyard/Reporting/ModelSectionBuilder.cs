using Trainyard.Artifacts;
using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;

namespace Trainyard.Reporting;

/// <summary>The model part of the report: the gate table, the metric table against the baseline, and the charts.</summary>
internal static class ModelSectionBuilder
{
    public static ModelSection Build(ReportInputs inputs)
    {
        if (inputs.Metrics is not { } metrics)
            return new ModelSection(inputs.Problem(ArtifactPaths.MetricsFile) ?? $"{ArtifactPaths.MetricsFile} is missing", null, [], [], null, [], []);
        var gates = GateRows(metrics);
        IReadOnlyList<Fact> facts = [
            new("Task", metrics.Task.ToString().ToLowerInvariant()),
            new("Evaluated", Display.Time(metrics.CreatedAt)),
            .. metrics.Threshold is { } threshold ? [new Fact("Decision threshold", $"{Display.Number(threshold.Threshold)} ({threshold.Source})")] : Array.Empty<Fact>(),
            .. metrics.Serving is { } serving ? [new Fact("Serving latency p50 / p95 / p99", $"{Duration.FromMilliseconds(serving.P50LatencyMs)} / {Duration.FromMilliseconds(serving.P95LatencyMs)} / {Duration.FromMilliseconds(serving.P99LatencyMs)}"),
                new Fact("Throughput", $"{Display.Number(serving.ThroughputRowsPerS)} rows/s")] : Array.Empty<Fact>(),
        ];
        IReadOnlyList<ChartView> charts = [.. TaskCharts.For(metrics, inputs.Predictions), .. ImportanceCharts.For(metrics)];
        return new ModelSection(null, metrics.Task.ToString().ToLowerInvariant(), facts, gates,
            metrics.Gates is null ? null : metrics.Gates.Baseline ?? "no baseline", MetricRows(metrics, inputs.Baseline), charts);
    }

    /// <summary>One row per gate, as checked by Evaluate; empty when no gates were checked.</summary>
    public static IReadOnlyList<GateRow> GateRows(MetricsReport metrics) =>
        metrics.Gates?.Results.Select(g => new GateRow(
            g.Gate, Display.Number(g.Value), Display.Number(g.Baseline), Display.Signed(g.Delta), Display.Tone(g.Change),
            g.Threshold is { } t ? $"{g.Operator} {Display.Number(t)}" : g.Operator,
            g.Verdict == GateVerdict.Passed ? "passed" : "failed", g.Verdict == GateVerdict.Passed, g.Message)).ToArray() ?? [];

    /// <summary>The task's scalar metrics, then the build's custom ones, against the baseline's, with direction-aware tones.</summary>
    public static IReadOnlyList<MetricRow> MetricRows(MetricsReport metrics, MetricsReport? baseline)
    {
        var scalars = metrics.TaskScalars();
        var before = baseline?.TaskScalars()?.Values;
        return [
            .. scalars?.Values.Select(m => Row(m.Key, MetricCatalog.Find(m.Key)?.DisplayName ?? m.Key, m.Value,
                before is not null && before.TryGetValue(m.Key, out var b) ? b : null, metrics.DirectionOf(m.Key), scalars.Undefined.GetValueOrDefault(m.Key))) ?? [],
            .. metrics.Custom.Select(c => Row(c.Name, c.DisplayName, c.Value,
                baseline?.Custom.FirstOrDefault(b => b.Name == c.Name)?.Value, c.Direction, c.Undefined)),
        ];
    }

    static MetricRow Row(string name, string display, double? value, double? was, MetricDirection? direction, string? undefined)
    {
        double? delta = value is { } v && was is { } w ? v - w : null;
        return new MetricRow(name, display, Display.Number(value), Display.Number(was), Display.Signed(delta),
            delta is { } d ? Display.Tone(GateCheck.Direction(direction, d)) : "", undefined ?? "");
    }
}
