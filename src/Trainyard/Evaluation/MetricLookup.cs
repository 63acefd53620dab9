using System.Globalization;
using Trainyard.Artifacts.Metrics;

namespace Trainyard.Evaluation;

/// <summary>A scalar metric's value, or null and why it is undefined.</summary>
internal sealed record MetricReading(double? Value, string? UndefinedReason = null);

/// <summary>Every scalar of a report under its flat name, the names gates and PR comments use.</summary>
internal static class MetricLookup
{
    /// <summary>
    /// The task's metrics, <c>rows</c>, <c>missing_predictions</c>, <c>class.&lt;name&gt;.&lt;metric&gt;</c>,
    /// <c>slice.&lt;column&gt;.&lt;value&gt;.&lt;metric&gt;</c>, <c>slice_gap.&lt;column&gt;.&lt;metric&gt;</c>,
    /// <c>slice_gap.&lt;metric&gt;</c> (the largest over all slice columns), <c>permutation_importance.&lt;feature&gt;</c>
    /// the serving cost and the build's custom metrics.
    /// </summary>
    public static IReadOnlyDictionary<string, MetricReading> From(MetricsReport report)
    {
        var names = new SortedDictionary<string, MetricReading>(StringComparer.Ordinal);
        if (report.TaskScalars() is { } task) Add(names, "", task.Values, task.Undefined);
        var (rows, missing) = (report.Binary?.Rows ?? report.Multiclass?.Rows ?? report.Regression?.Rows,
            report.Binary?.MissingPredictions ?? report.Multiclass?.MissingPredictions ?? report.Regression?.MissingPredictions);
        if (rows is { } r) names["rows"] = new MetricReading(r);
        if (missing is { } m) names["missing_predictions"] = new MetricReading(m);

        foreach (var slice in report.Slices)
        {
            foreach (var group in slice.Groups)
                Add(names, $"slice.{slice.Column}.{group.Value}.", group.Metrics, group.Undefined);
            foreach (var gap in slice.Gaps)
                names[$"slice_gap.{slice.Column}.{gap.Metric}"] = new MetricReading(gap.Gap, gap.Reason);
        }
        // slice_gap.<metric>: the largest gap of that metric over all slice columns.
        foreach (var metric in report.Slices.SelectMany(s => s.Gaps).Select(g => g.Metric).Distinct(StringComparer.Ordinal))
        {
            var gaps = report.Slices.SelectMany(s => s.Gaps.Where(g => g.Metric == metric).Select(g => (s.Column, g.Gap, g.Reason))).ToArray();
            var defined = gaps.Where(x => x.Gap is not null).ToArray();
            names.TryAdd($"slice_gap.{metric}", defined.Length > 0
                ? new MetricReading(defined.Max(x => x.Gap!.Value))
                : new MetricReading(null, string.Join("; ", gaps.Select(x => $"{x.Column}: {x.Reason}"))));
        }

        foreach (var feature in report.PermutationImportance?.Features ?? [])
            names[$"permutation_importance.{feature.Feature}"] = new MetricReading(feature.MeanDrop);
        foreach (var custom in report.Custom)
            names[custom.Name] = new MetricReading(custom.Value, custom.Undefined);
        if (report.Serving is { } serving)
        {
            names["p50_latency_ms"] = new MetricReading(serving.P50LatencyMs);
            names["p95_latency_ms"] = new MetricReading(serving.P95LatencyMs);
            names["p99_latency_ms"] = new MetricReading(serving.P99LatencyMs);
            names["throughput_rows_per_s"] = new MetricReading(serving.ThroughputRowsPerS);
        }
        return names;
    }

    private static void Add(IDictionary<string, MetricReading> names, string prefix,
        IReadOnlyDictionary<string, double?> values, IReadOnlyDictionary<string, string> undefined)
    {
        foreach (var (name, value) in values)
            names[prefix + name] = new MetricReading(value, value is null ? undefined.GetValueOrDefault(name, "undefined") : null);
    }

    /// <summary>A number as gate messages and tables show it: up to 4 significant digits below 1, 3 decimals above.</summary>
    public static string Format(double value) =>
        Math.Abs(value) >= 1 ? value.ToString("#,0.###", CultureInfo.InvariantCulture) : value.ToString("G4", CultureInfo.InvariantCulture);
}
