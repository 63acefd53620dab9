using Spectre.Console;
using Trainyard.Artifacts.Metrics;
using static Trainyard.Evaluation.MetricLookup;

namespace Trainyard.Evaluation;

/// <summary>Prints the gate verdicts: one row per gate, then a one-line summary.</summary>
internal static class GateTable
{
    public static void Render(IAnsiConsole console, GateReport report)
    {
        var title = report.Baseline is null ? "Gates (no baseline)" : $"Gates (baseline: {report.Baseline})";
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
            .AddColumns("Gate", "Value", "Baseline", "Delta", "Threshold", "Verdict");
        foreach (var r in report.Results)
            table.AddRow(
                new Text(r.Gate), new Text(Show(r.Value)), new Text(Show(r.Baseline)), DeltaCell(r),
                new Text(r.Threshold is { } t ? $"{r.Operator} {Format(t)}" : "–"),
                new Markup(r.Verdict == GateVerdict.Passed
                    ? $"[green]passed[/] {Markup.Escape(r.Message)}"
                    : $"[red]FAILED[/] {Markup.Escape(r.Message)}"));
        console.Write(table);
        console.MarkupLine(report.Passed ? $"[green]{Markup.Escape(Summary(report))}[/]" : $"[red]{Markup.Escape(Summary(report))}[/]");
    }

    /// <summary>"All 3 gates passed." or "1 of 3 gates failed: auc 0.71 &lt; 0.75 (short by 0.04)."</summary>
    public static string Summary(GateReport report) =>
        report.Results.Count == 0 ? "No gates to check."
        : report.Passed ? $"All {report.Results.Count} gate(s) passed."
        : $"{report.FailedCount} of {report.Results.Count} gate(s) failed: " +
          string.Join("; ", report.Results.Where(r => r.Verdict == GateVerdict.Failed).Select(r => r.Message)) + ".";

    /// <summary>"+0.012 (+1.5%)", coloured by whether the change is better or worse for this metric.</summary>
    public static string DeltaText(GateResult result) =>
        result.Delta is not { } d ? "–"
        : $"{(d > 0 ? "+" : "")}{Format(d)}" + (result.RelativeDelta is { } rel ? $" ({(rel > 0 ? "+" : "")}{Format(rel * 100)}%)" : "");

    private static Markup DeltaCell(GateResult result)
    {
        var text = Markup.Escape(DeltaText(result));
        return new Markup(result.Change switch
        {
            MetricChange.Better => $"[green]{text}[/]",
            MetricChange.Worse => $"[red]{text}[/]",
            _ => text,
        });
    }

    private static string Show(double? value) => value is { } v ? Format(v) : "–";
}
