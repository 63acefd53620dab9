using System.Text;
using Trainyard.Artifacts.Monitoring;

namespace Trainyard.Reporting;

/// <summary>
/// The GitHub issue Monitor opens for a model that needs attention (<c>--open-issue</c>): a title naming what is wrong,
/// and a Markdown body with the numbers — failing gates, drifted features, score drift — and a link to the run.
/// </summary>
internal static class MonitorIssueText
{
    // A wide model could drift in hundreds of features; GitHub caps an issue body at 65,536 characters.
    const int MaxRows = 50;

    /// <summary>Whether the report asks for the issue: a failed gate, a retrain, or too little traffic where that fails (<c>no_data: fail</c>).</summary>
    public static bool NeedsAttention(MonitorReport report, bool noDataFails) =>
        report.Verdict == "degraded" || report.Retrain || (report.Verdict == "no_data" && noDataFails);

    public static string Title(MonitorReport report)
    {
        var failed = report.Gates.Count(g => g.Outcome == "failed");
        var what = new List<string>();
        if (failed > 0) what.Add($"{failed} monitor gate(s) failed");
        if (report.DriftedColumns.Count > 0) what.Add($"drift in {string.Join(", ", report.DriftedColumns.Take(5))}{(report.DriftedColumns.Count > 5 ? " …" : "")}");
        if (report.Verdict == "no_data") what.Add("no data");
        if (what.Count == 0 && report.Retrain) what.Add("retrain asked");
        return $"{report.Pipeline}: {string.Join("; ", what)} (Trainyard Monitor)";
    }

    public static string Body(MonitorReport report, string? runUrl)
    {
        var text = new StringBuilder();
        text.Append($"## {Markdown.Cell(report.Pipeline)}: {report.Verdict}{(report.Retrain ? ", retrain asked" : "")}\n\n");
        text.Append($"{Markdown.Cell(report.Summary)}\n\n");
        text.Append($"Production **{Markdown.Cell(report.ProductionVersion)}** · window {Display.Time(report.From)} – {Display.Time(report.To)} · "
            + $"{Display.Number(report.Predictions)} predictions in {Display.Number(report.Requests)} requests\n\n");
        if (report.Retrain) text.Append($"**Retrain:** {Markdown.Cell(string.Join("; ", report.RetrainReasons))}\n\n");

        var failed = report.Gates.Where(g => g.Outcome == "failed").ToList();
        if (failed.Count > 0)
        {
            text.Append("### Failing gates\n\n| version | gate | value | threshold | why |\n|---|---|---:|---:|---|\n");
            foreach (var g in failed)
                text.Append($"| {Markdown.Cell(g.Version)} | {Markdown.Code(g.Gate)} | {Display.Number(g.Value)} | {Display.Number(g.Threshold)} | {Markdown.Cell(g.Message)} |\n");
            text.Append('\n');
        }

        var drifted = report.Versions.SelectMany(v => v.Drift.Where(d => d.Verdict == "drifted").Select(d => (v.Version, Drift: d))).ToList();
        if (drifted.Count > 0)
        {
            text.Append("### Drifted features\n\n| version | feature | method | score | threshold | PSI | current rows |\n|---|---|---|---:|---:|---:|---:|\n");
            foreach (var (version, d) in drifted.Take(MaxRows))
                text.Append($"| {Markdown.Cell(version)} | {Markdown.Cell(d.Column)} | {Markdown.Cell(d.Method ?? "—")} | {Display.Number(d.Score)} | {Display.Number(d.Threshold)} | {Display.Number(d.Psi)} | {Display.Number(d.CurrentCount)} |\n");
            if (drifted.Count > MaxRows) text.Append($"\n… and {drifted.Count - MaxRows} more drifted feature(s) in monitor.json.\n");
            text.Append('\n');
        }

        text.Append("### Scores\n\n| version | score PSI | Jensen–Shannon | scores |\n|---|---:|---:|---:|\n");
        foreach (var v in report.Versions)
            text.Append($"| {Markdown.Cell(v.Version)} | {Display.Number(v.Predictions?.Psi)} | {Display.Number(v.Predictions?.JensenShannon)} | {Display.Number(v.Predictions?.Scores)} |\n");
        text.Append('\n');

        text.Append(runUrl is null ? "monitor.json and monitor.html hold every figure.\n"
            : $"[The monitor run]({runUrl}): monitor.json and monitor.html hold every figure.\n");
        text.Append("\n<sub>Opened and updated by Trainyard Monitor (`--open-issue`); closed when a run finds the model healthy again.</sub>\n");
        return text.ToString();
    }

    public static string HealthyAgain(MonitorReport report, string? runUrl) =>
        $"Healthy again: {Markdown.Cell(report.Summary)} (window {Display.Time(report.From)} – {Display.Time(report.To)}, "
        + $"{Display.Number(report.Predictions)} predictions){(runUrl is null ? "" : $" — [the run]({runUrl})")}. Closing.";
}
