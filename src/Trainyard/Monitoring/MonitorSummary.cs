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
            Row(table, "callers", report.Versions, v => string.Join(", ", v.Service.Callers.Take(5).Select(c => $"{c.Caller} {c.Requests:N0}")));
            Row(table, "drifted inputs", report.Versions, v => v.DriftedColumns.Any() ? string.Join(", ", v.DriftedColumns) : v.Drift.Count == 0 ? "not measured" : "none");
            Row(table, "score PSI / JS", report.Versions, v => v.Predictions is { Psi: { } psi } p ? $"{Format(psi)} / {Show(p.JensenShannon)}" : "not measured");
            foreach (var metric in report.Versions.SelectMany(v => v.Quality.Keys).Distinct().Where(m => !m.StartsWith("class.", StringComparison.Ordinal)).Take(6))
                Row(table, $"{metric} live / evaluated", report.Versions, v => $"{Show(v.Quality.GetValueOrDefault(metric))} / {Show(v.Evaluated.GetValueOrDefault(metric))}");
            console.Write(table);
        }
        foreach (var gate in report.Gates)
            console.MarkupLine($"  {Markup.Escape(gate.Version)} {(gate.Outcome switch { "passed" => "[green]passed[/]", "failed" => "[red]FAILED[/]", _ => "[grey]not measured[/]" })} {Markup.Escape(gate.Message)}");
        var colour = report.Verdict switch { "healthy" => "green", "degraded" => "red", _ => "yellow" };
        console.MarkupLine($"[{colour}]{Markup.Escape(report.Verdict)}[/]: {Markup.Escape(report.Summary)}"
            + (report.Retrain ? $"; retrain: {Markup.Escape(string.Join("; ", report.RetrainReasons))}" : ""));
    }

    static void Row(Table table, string name, IReadOnlyList<VersionFigures> versions, Func<VersionFigures, string> cell) =>
        table.AddRow([new Text(name), .. versions.Select(v => new Text(cell(v)))]);

    static string Show(double? value) => value is { } v ? Format(v) : "–";
}
