using System.Text;

namespace Trainyard.Targets;

/// <summary>
/// GitHub Actions workflow commands (log groups, error annotations) and the job summary.
/// Escaping follows the workflow-commands spec: data escapes % \r \n, properties also : and ,.
/// </summary>
internal static class GitHubActions
{
    public static string Group(string name) => $"::group::{EscapeData(name)}";

    public const string EndGroup = "::endgroup::";

    public static string Error(string message, SourceLocation? location)
    {
        var properties = new List<string>();
        if (location is not null)
        {
            properties.Add($"file={EscapeProperty(location.File)}");
            if (location.Line is { } line) properties.Add($"line={line}");
            if (location.Column is { } column) properties.Add($"col={column}");
        }
        var prefix = properties.Count == 0 ? "::error" : "::error " + string.Join(",", properties);
        return $"{prefix}::{EscapeData(message)}";
    }

    /// <summary>A warning annotation: shown on the run and the PR, without failing the job.</summary>
    public static string Warning(string message) => $"::warning::{EscapeData(message)}";

    public static string EscapeData(string text) =>
        text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A").Replace(",", "%2C");

    /// <summary>The summary as a Markdown table for <c>GITHUB_STEP_SUMMARY</c>.</summary>
    public static string SummaryMarkdown(IReadOnlyList<TargetOutcome> outcomes)
    {
        var text = new StringBuilder();
        text.AppendLine("| Target | Status | Duration |");
        text.AppendLine("| --- | --- | --- |");
        foreach (var outcome in outcomes)
            text.AppendLine($"| {Cell(outcome.Name)} | {Cell(Summary.StatusText(outcome))} | {Summary.DurationText(outcome.Duration)} |");
        text.AppendLine($"| **Total** | | {Summary.DurationText(Summary.Total(outcomes))} |");
        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
