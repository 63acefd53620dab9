using System.Globalization;
using Spectre.Console;

namespace Trainyard.Targets;

/// <summary>The closing table: each target, how it ended, how long it took, and the total.</summary>
internal static class Summary
{
    public static void Write(IAnsiConsole console, IReadOnlyList<TargetOutcome> outcomes)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Target").AddColumn("Status").AddColumn(new TableColumn("Duration").RightAligned());
        foreach (var outcome in outcomes)
            table.AddRow(
                new Text(outcome.Name),
                new Text(StatusText(outcome), new Style(Color(outcome.Status))),
                new Text(DurationText(outcome.Duration)));
        table.AddRow(new Text("Total", new Style(decoration: Decoration.Bold)), Text.Empty, new Text(DurationText(Total(outcomes))));
        console.WriteLine();
        console.Write(table);
    }

    public static string StatusText(TargetOutcome outcome) => outcome.Status switch
    {
        TargetStatus.UpToDate => "Up to date",
        TargetStatus.NotRun => outcome.Reason is null ? "Not run" : $"Not run ({outcome.Reason})",
        TargetStatus.Skipped or TargetStatus.Failed when outcome.Reason is not null => $"{outcome.Status} ({outcome.Reason})",
        _ => outcome.Status.ToString(),
    };

    public static string DurationText(TimeSpan duration) =>
        duration.TotalMinutes >= 1
            ? duration.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";

    public static TimeSpan Total(IReadOnlyList<TargetOutcome> outcomes) =>
        outcomes.Aggregate(TimeSpan.Zero, (sum, o) => sum + o.Duration);

    private static Color Color(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded or TargetStatus.UpToDate => Spectre.Console.Color.Green,
        TargetStatus.Failed => Spectre.Console.Color.Red,
        TargetStatus.NotRun => Spectre.Console.Color.Grey,
        _ => Spectre.Console.Color.Yellow,
    };
}
