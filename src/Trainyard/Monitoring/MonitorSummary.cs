using Spectre.Console;
using Trainyard.Artifacts.Monitoring;
using static Trainyard.Evaluation.MetricLookup;

namespace Trainyard.Monitoring;

/// <summary>Prints a monitor report: per version its traffic, latency, drift and quality; then the gates and the verdict.</summary>
internal static class MonitorSummary
{
    public static void Render(IAnsiConsole console, MonitorReport report)
    {
        console.WriteLine($"Monitor {report.Pipeline}: {report.Predictions:N0} prediction(s) in {report.Requests:N0} request(s) between "
            + $"{new LogWindow(report.From, report.To)} from {report.LogSource}" + (report.SkippedLines > 0 ? $"; {report.SkippedLines:N0} unreadable line(s) skipped" : ""));
        if (report.Versions.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("");
            foreach (var version in report.Versions)
                table.AddColumn(version.Version == report.ProductionVersion ? $"{version.Version} (production)" : version.Version);
            Row(table, "requests / predictions", report.Versions, v => $"{v.Service.Requests:N0} / {v.Service.Predictions:N0}");
            Row(table, "latency p50 / p95 / p99 ms", report.Versions, v => $"{Show(v.Service.P50LatencyMs)} / {Show(v.Service.P95LatencyMs)} / {Show(v.Service.P99LatencyMs)}");
            if (report.Versions.Any(v => v.Gateway is not null))
                Row(table, "gateway: requests, 5xx, 400", report.Versions, v => v.Gateway is { } g
                    ? $"{g.Requests:N0}, {g.ServerErrors:N0}, {g.InvalidRequests:N0} (success {Show(g.SuccessRate)})" : "none");
            Row(table, "callers", report.Versions, v => string.Join(", ", v.Service.Callers.Take(5).Select(c => $"{c.Caller} {c.Requests:N0}")));
            Row(table, "drifted inputs", report.Versions, v => v.DriftedColumns.Any() ? string.Join(", ", v.DriftedColumns) : v.Drift.Count == 0 ? "not measured" : "none");
            Row(table, "score PSI / JS", report.Versions, v => v.Predictions is { Psi: { } psi } p ? $"{Format(psi)} / {Show(p.JensenShannon)}" : "not measured");
            // Realized (labelled) and estimated quality side by side, each beside the evaluated figure.
            var live = report.Versions.SelectMany(v => v.Quality.Keys).Where(m => !m.StartsWith("class.", StringComparison.Ordinal)).Distinct().ToList();
            var estimated = report.Versions.SelectMany(v => v.Estimated.Keys).Distinct().ToList();
            foreach (var metric in estimated.Concat(live.Except(estimated)).Take(Math.Max(6, estimated.Count)))
            {
                var parts = new List<(string Name, Func<VersionFigures, double?> Value)>();
                if (live.Contains(metric)) parts.Add(("live", v => v.Quality.GetValueOrDefault(metric)));
                if (estimated.Contains(metric)) parts.Add(("estimated", v => v.Estimated.GetValueOrDefault(metric)));
                parts.Add(("evaluated", v => v.Evaluated.GetValueOrDefault(metric)));
                Row(table, $"{metric} {string.Join(" / ", parts.Select(p => p.Name))}", report.Versions, v => string.Join(" / ", parts.Select(p => Show(p.Value(v)))));
            }
            console.Write(table);
        }
        foreach (var comparison in report.Comparisons)
            foreach (var d in comparison.Differences)
                console.WriteLine($"  {comparison.Version} − {comparison.Against} {d.Metric}: {Signed(d.Difference)} [{Signed(d.Lower)}, {Signed(d.Upper)}] {d.Verdict}");
        foreach (var gate in report.Gates)
            console.MarkupLine($"  {Markup.Escape(gate.Version)} {(gate.Outcome switch { "passed" => "[green]passed[/]", "failed" => "[red]FAILED[/]", _ => "[grey]not measured[/]" })} {Markup.Escape(gate.Message)}");
        var colour = report.Verdict switch { "healthy" => "green", "degraded" => "red", _ => "yellow" };
        console.MarkupLine($"[{colour}]{Markup.Escape(report.Verdict)}[/]: {Markup.Escape(report.Summary)}"
            + (report.Retrain ? $"; retrain: {Markup.Escape(string.Join("; ", report.RetrainReasons))}" : ""));
    }

    static void Row(Table table, string name, IReadOnlyList<VersionFigures> versions, Func<VersionFigures, string> cell) =>
        table.AddRow([new Text(name), .. versions.Select(v => new Text(cell(v)))]);

    static string Show(double? value) => value is { } v ? Format(v) : "–";

    /// <summary>A difference with its sign, a true minus sign for negatives: <c>+0.021</c>, <c>−0.004</c>.</summary>
    static string Signed(double value) => double.IsNaN(value) ? "–"
        : (value < 0 ? "−" : "+") + Math.Abs(value).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
}
