using Trainyard.Artifacts.Metrics;
using Trainyard.Pipelines;
using Trainyard.Targets;

namespace Trainyard.Evaluation;

/// <summary>
/// Checks, when the spec is read, that every gate names a metric Evaluate computes for the pipeline's task, so a
/// typo ('aucc') fails at once with file:line:col and the closest names, not after training. The build's custom
/// metrics count as computed for every task.
/// </summary>
internal static class GateMetrics
{
    /// <summary>The plain metric names a gate may use for <paramref name="task"/> (families like slice_gap.auc aside).</summary>
    public static IReadOnlyList<string> For(PipelineTask task) => MetricCatalog.For(task);

    /// <param name="customMetrics">The build's own metric names (IEvaluate.CustomMetrics), which gates may use too.</param>
    public static PipelineSpec Check(PipelineSpec spec, IReadOnlyList<string>? customMetrics = null)
    {
        IReadOnlyList<string> names = [.. For(spec.Task), .. customMetrics ?? []];
        foreach (var rule in spec.Gates.Rules)
        {
            if (Known(rule.Metric, spec.Task, names)) continue;
            var task = spec.Task.ToString().ToLowerInvariant();
            var what = MetricCatalog.Find(rule.Metric) is not null ? $"is not computed for a {task} task" : "is not a metric Evaluate computes";
            throw new TrainyardException(
                $"gate '{rule.Text.Trim()}': '{rule.Metric}' {what}; closest: {string.Join(", ", ClosestName.Nearest(rule.Metric, names))}",
                rule.Location);
        }
        return spec;
    }

    static bool Known(string metric, PipelineTask task, IReadOnlyList<string> names)
    {
        if (!metric.Contains('.')) return names.Contains(metric);
        // Families (class.<name>.<metric>, slice…, slice_gap…, permutation_importance.<feature>) end in a task
        // metric, or name a feature; their column and class parts are only known once the data is.
        if (MetricCatalog.Find(metric) is null) return false;
        if (metric.StartsWith("permutation_importance.", StringComparison.Ordinal)) return true;
        return names.Any(n => metric.EndsWith("." + n, StringComparison.Ordinal));
    }
}
