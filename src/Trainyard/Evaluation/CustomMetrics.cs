using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using Trainyard.Artifacts.Metrics;

namespace Trainyard.Evaluation;

/// <summary>Checks a build's custom metrics and measures them on the test rows.</summary>
internal static partial class CustomMetrics
{
    /// <summary>
    /// The names, checked: each a plain name (gates read dots as families: class.…, slice.…), none a built-in
    /// metric's, none twice. The build is code, so the error names the property to change.
    /// </summary>
    public static IReadOnlyList<string> Names(IEnumerable<CustomMetric> metrics)
    {
        var names = new List<string>();
        foreach (var metric in metrics)
        {
            var name = metric.Name;
            var problem = name is null || !PlainName().IsMatch(name) ? "is not a plain name (letters, digits and underscores, starting with a letter)"
                : MetricCatalog.Find(name) is not null ? "is a built-in metric's name"
                : names.Contains(name) ? "is declared twice"
                : null;
            if (problem is not null)
                throw new TrainyardException($"IEvaluate.CustomMetrics in the build: custom metric '{name}' {problem}; rename it in Build.cs");
            names.Add(name!);
        }
        return names;
    }

    /// <summary>Each metric's value on <paramref name="testRows"/>; a metric that throws fails Evaluate naming it.</summary>
    public static IReadOnlyList<CustomMetricValue> Measure(IReadOnlyList<CustomMetric> metrics, Func<DataFrame> testRows)
    {
        if (metrics.Count == 0) return [];
        Names(metrics);
        var frame = testRows();
        return [.. metrics.Select(metric =>
        {
            double? value;
            try { value = metric.Measure(frame); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new TrainyardException($"custom metric '{metric.Name}' failed on the test rows: {e.GetType().Name}: {e.Message}");
            }
            var display = string.IsNullOrWhiteSpace(metric.DisplayName) ? metric.Name : metric.DisplayName;
            return value is { } v && double.IsFinite(v)
                ? new CustomMetricValue(metric.Name, display, metric.Direction, v)
                : new CustomMetricValue(metric.Name, display, metric.Direction, null,
                    value is null ? "the metric returned no value" : $"the metric returned {value}");
        })];
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex PlainName();
}
