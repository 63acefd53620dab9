using System.Globalization;
using Spectre.Console;
using Trainyard.Artifacts.Metrics;

namespace Trainyard.Evaluation;

/// <summary>Prints what Evaluate measured in a few lines: the task's metrics, the most important features, the serving cost.</summary>
internal static class MetricsSummary
{
    public static void Render(IAnsiConsole console, MetricsReport report)
    {
        var table = new Spectre.Console.Table().Border(TableBorder.Rounded).Title($"{report.Pipeline}: test split")
            .AddColumns("Metric", "Value");
        if (report.TaskScalars() is { } scalars)
            foreach (var (name, value) in scalars.Values)
                table.AddRow(name, value is { } v ? Format(v) : $"undefined: {scalars.Undefined.GetValueOrDefault(name, "?")}");
        foreach (var custom in report.Custom)
            table.AddRow(custom.Name, custom.Value is { } v ? Format(v) : $"undefined: {custom.Undefined}");
        if (report.Threshold is { } threshold)
            table.AddRow("threshold", $"{Format(threshold.Threshold)} ({threshold.Source}{(threshold.Objective is { } o ? $", best {o.ToString().ToLowerInvariant()}" : "")})");
        console.Write(table);

        if (report.GainImportance.Count > 0)
            console.WriteLine("Top features by gain: " + string.Join(", ", report.GainImportance.Take(5).Select(g => g.Feature)));
        if (report.PermutationImportance is { } permutation)
            console.WriteLine($"Top features by permutation ({permutation.Metric} worse by): " + string.Join(", ",
                permutation.Features.OrderByDescending(f => f.MeanDrop).Take(5).Select(f => $"{f.Feature} {Format(f.MeanDrop)}")));
        if (report.Serving is { } serving)
            console.WriteLine($"Serving cost (managed scorer): single row p50 {Duration.FromMilliseconds(serving.P50LatencyMs)}, " +
                $"p95 {Duration.FromMilliseconds(serving.P95LatencyMs)}, p99 {Duration.FromMilliseconds(serving.P99LatencyMs)}; batch {serving.ThroughputRowsPerS:N0} rows/s");
    }

    static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
