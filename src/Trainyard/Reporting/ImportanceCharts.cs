using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;
using Trainyard.Reporting.Charts;

namespace Trainyard.Reporting;

/// <summary>Feature importance (gain and permutation) and one metric per slice group, for every task.</summary>
internal static class ImportanceCharts
{
    const int TopFeatures = 15;

    /// <summary>The slice metric a reader looks at first, by task.</summary>
    static readonly string[] SliceMetrics = ["auc", "macro_f1", "accuracy", "rmse", "mae"];

    public static IEnumerable<ChartView> For(MetricsReport metrics)
    {
        if (metrics.GainImportance.Count > 0)
        {
            var total = Math.Max(double.Epsilon, metrics.GainImportance.Sum(g => g.Gain));
            yield return new ChartView("Feature importance (gain)", new BarChart("Feature importance: share of total gain", ["share of gain"],
                [.. metrics.GainImportance.OrderByDescending(g => g.Gain).Take(TopFeatures).Select(g => new BarRow(g.Feature, [g.Gain / total]))]).ToSvg());
        }
        if (metrics.PermutationImportance is { Features.Count: > 0 } permutation)
            yield return new ChartView("Feature importance (permutation)", new BarChart($"Permutation importance: drop in {permutation.Metric}", ["mean drop"],
                [.. permutation.Features.OrderByDescending(f => f.MeanDrop).Take(TopFeatures).Select(f => new BarRow(f.Feature, [f.MeanDrop]))]).ToSvg(),
                $"{permutation.Repeats} repeats, seed {permutation.Seed}");
        foreach (var slice in metrics.Slices)
        {
            var metric = SliceMetrics.FirstOrDefault(m => slice.Groups.Any(g => g.Metrics.ContainsKey(m)));
            if (metric is null) continue;
            var gap = slice.Gaps.FirstOrDefault(g => g.Metric == metric);
            yield return new ChartView($"Slice: {slice.Column}", new BarChart($"{metric} by {slice.Column}", [metric],
                [.. slice.Groups.Select(g => new BarRow($"{g.Value} ({g.Rows}{(g.Eligible ? "" : ", too few")})", [g.Metrics.GetValueOrDefault(metric)]))]).ToSvg(),
                gap?.Gap is { } size ? $"gap {Display.Number(size)} between {gap.HighestGroup} and {gap.LowestGroup}" : gap?.Reason);
        }
    }
}
