using Trainyard.Artifacts.Metrics;
using Trainyard.Artifacts.Monitoring;
using Trainyard.Evaluation;
using Trainyard.Monitoring.Estimation;

namespace Trainyard.Monitoring;

/// <summary>
/// The A/B verdict: when labelled traffic reached production and another version in one window, each quality
/// metric of the other version minus production's, with a bootstrap interval over both versions' labelled rows.
/// </summary>
internal static class VersionComparisons
{
    /// <summary>Figures that describe the traffic or the service, not the model's quality: not compared.</summary>
    static readonly HashSet<string> NotQuality = new(StringComparer.Ordinal)
    {
        "rows", "missing_predictions", "p50_latency_ms", "p95_latency_ms", "p99_latency_ms", "throughput_rows_per_s",
    };

    public static IReadOnlyList<VersionComparison> Compare(IEnumerable<VersionWindow> versions, string production)
    {
        var windows = versions.ToList();
        if (windows.FirstOrDefault(w => w.Version == production)?.Labelled is not { } against) return [];
        var comparisons = new List<VersionComparison>();
        foreach (var window in windows.Where(w => w.Version != production))
        {
            if (window.Labelled is not { } labelled || labelled.Task != against.Task) continue;
            var metrics = labelled.Scalars([.. Enumerable.Range(0, labelled.Rows)]).Values.Keys
                .Where(name => !NotQuality.Contains(name) && MetricCatalog.Find(name) is { Direction: not MetricDirection.Neutral } && !name.StartsWith("class.", StringComparison.Ordinal))
                .Select(name => (name, MetricCatalog.Find(name)!.Direction != MetricDirection.LowerIsBetter)).ToList();
            var intervals = BootstrapDifference.Of(rows => Measure(labelled, rows), labelled.Rows, rows => Measure(against, rows), against.Rows, metrics);
            var differences = metrics.Where(m => !double.IsNaN(intervals[m.name].Difference)).Select(m =>
            {
                var i = intervals[m.name];
                var verdict = i.Verdict switch { Interval.ABetter => $"{window.Version} better", Interval.BBetter => $"{production} better", _ => Interval.NoDifference };
                return new QualityDifference(m.name, i.Difference, i.Lower, i.Upper, verdict, i.UndefinedResamples);
            }).ToList();
            comparisons.Add(new VersionComparison(window.Version, production, labelled.Rows, against.Rows, BootstrapDifference.DefaultConfidence,
                BootstrapDifference.DefaultResamples, BootstrapDifference.DefaultSeed, differences));
        }
        return comparisons;
    }

    static IReadOnlyDictionary<string, double> Measure(TaskMetrics scored, int[] rows) =>
        scored.Scalars(rows).Values.Where(m => m.Value is { } v && !double.IsNaN(v)).ToDictionary(m => m.Key, m => m.Value!.Value, StringComparer.Ordinal);
}
