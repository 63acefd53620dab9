using Spectre.Console;
using Trainyard.Data.Drift;
using Trainyard.Pipelines;

namespace Trainyard.Data.Validation;

/// <summary>Prints a validation result: the findings table (errors first), the drift table, and a one-line verdict.</summary>
internal static class ValidationTable
{
    public static void Render(IAnsiConsole console, ValidationResult result, int maxExamples)
    {
        if (result.Findings.Count > 0)
        {
            var table = new Spectre.Console.Table().Border(TableBorder.Rounded).Title("Validation findings")
                .AddColumns("Severity", "Column", "Rule", "Expected", "Observed", "Example lines");
            foreach (var f in result.Findings)
                table.AddRow(
                    new Markup(f.Severity == CheckSeverity.Error ? "[red]error[/]" : "[yellow]warning[/]"),
                    new Text(f.Column ?? "(data set)"), new Text(f.Rule), new Text(f.Expected), new Text(f.Observed),
                    new Text(string.Join(", ", f.ExampleLines.Take(maxExamples).Select(result.LineName))));
            console.Write(table);
        }

        if (result.Drift is { } drift) RenderDrift(console, drift, result.DriftReference);
        if (result.DriftNote is { } note) console.WriteLine(note);

        var verdict = result.Passed
            ? $"[green]valid[/]: {result.Rows:N0} rows of {Markup.Escape(result.DataPath)}, {result.Warnings} warning(s)"
            : $"[red]invalid[/]: {result.Errors} error(s), {result.Warnings} warning(s) in {result.Rows:N0} rows of {Markup.Escape(result.DataPath)}";
        console.MarkupLine(verdict);
    }

    static void RenderDrift(IAnsiConsole console, DatasetDrift drift, string? reference)
    {
        var table = new Spectre.Console.Table().Border(TableBorder.Rounded).Title($"Drift against {reference}")
            .AddColumns("Column", "Method", "Statistic", "p (corrected)", "PSI", "Distance", "Verdict");
        foreach (var c in drift.Columns)
            table.AddRow(
                new Text(c.Column), new Text(c.Method?.DisplayName() ?? "–"),
                new Text(Format(c.Test?.Statistic)), new Text(Format(c.Test?.CorrectedPValue ?? c.Test?.PValue)),
                new Text(Format(c.Effects?.Psi)), new Text(Format(c.Effects?.WassersteinNormed ?? c.Effects?.JensenShannon)),
                new Markup(c.Verdict switch
                {
                    DriftVerdict.Drifted => "[yellow]drifted[/]",
                    DriftVerdict.NotDrifted => "[green]stable[/]",
                    _ => Markup.Escape("not judged: " + c.Reason),
                }));
        console.Write(table);
        console.WriteLine($"Data set: {drift.Reason}");
    }

    static string Format(double? value) => value is { } v ? v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "–";
}
