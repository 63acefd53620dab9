using Spectre.Console;

namespace Trainyard.Targets;

/// <summary>What the engine prints around targets: headers, why a target runs, failures; with CI log groups on GitHub Actions.</summary>
internal sealed class BuildOutput(IAnsiConsole console, bool gitHubActions)
{
    public IAnsiConsole Console => console;

    /// <summary>Written as is: workflow commands and JSON must not be wrapped at the console width.</summary>
    public void Raw(string line) => console.Profile.Out.Writer.WriteLine(line);

    public void TargetStarting(string name)
    {
        if (gitHubActions) Raw(GitHubActions.Group(name));
        console.Write(new Rule($"[bold]{Markup.Escape(name)}[/]").LeftJustified());
    }

    public void TargetFinished()
    {
        if (gitHubActions) Raw(GitHubActions.EndGroup);
    }

    public void Note(string text) => console.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

    public void Error(string text) => console.MarkupLine($"[red]{Markup.Escape(text)}[/]");

    /// <summary>Expected failures print their message; anything else is a bug and prints whole.</summary>
    public void Failure(string target, Exception exception)
    {
        var message = exception switch
        {
            OperationCanceledException => $"{target} was cancelled.",
            TrainyardException => exception.Message,
            _ => exception.ToString(),
        };
        Error(message);
        if (!gitHubActions) return;
        var location = (exception as TrainyardException)?.Location;
        var annotation = exception switch
        {
            // The annotation carries the location itself, so the message drops its "file:line:col: " prefix.
            TrainyardException when location is not null && message.StartsWith($"{location}: ", StringComparison.Ordinal) =>
                message[$"{location}: ".Length..],
            TrainyardException or OperationCanceledException => message,
            _ => $"{target}: {exception.Message}",
        };
        Raw(GitHubActions.Error(annotation, location));
    }
}
