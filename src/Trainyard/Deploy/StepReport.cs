using System.Globalization;
using Spectre.Console;
using Trainyard.Deploy.Analysis;

namespace Trainyard.Deploy;

/// <summary>A step's window and verdict on the console: requests per upstream, then each check with its values.</summary>
internal static class StepReport
{
    public static void Write(IAnsiConsole console, StepWindow window, StepVerdict verdict)
    {
        console.WriteLine($"  {Traffic(window.Canary)}" + (window.Stable is { } stable ? $"; {Traffic(stable)}" : ""));
        foreach (var check in verdict.Checks)
            console.MarkupLine($"  {(check.Passed ? "[green]pass[/]" : "[red]FAIL[/]")} {Markup.Escape(check.Detail)}");
        var mark = verdict.Outcome switch { StepOutcome.Passed => "[green]passed[/]", StepOutcome.Failed => "[red]failed[/]", _ => "[yellow]no data[/]" };
        console.MarkupLine($"  step {mark}: {Markup.Escape(verdict.Summary)}");
    }

    static string Traffic(UpstreamWindow w) => string.Create(CultureInfo.InvariantCulture,
        $"{w.Upstream} {w.Version}: {w.Requests:N0} requests, {w.ServerErrors:N0} 5xx, {w.InvalidRequests:N0} 400, p99 {(w.P99Ms is { } p ? $"{p:0.##} ms" : "–")}");
}
