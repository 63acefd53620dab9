using Spectre.Console;

namespace Trainyard.Targets;

/// <summary>What the engine prints around targets: headers, why a target runs, failures; with CI log groups on GitHub Actions.</summary>
internal sealed class BuildOutput(IAnsiConsole console, bool gitHubActions, ExpectedFailures expected)
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

    // Messages go out unwrapped (the terminal wraps them) so paths and error text stay whole in logs.
    public void Note(string text) => Raw(Colored(text, "90"));

    public void Error(string text) => Raw(Colored(text, "31"));

    private string Colored(string text, string sgr) =>
        console.Profile.Capabilities.Ansi ? $"\u001b[{sgr}m{text}\u001b[0m" : text;

    /// <summary>Expected failures print their message; anything else is a bug and prints whole.</summary>
    public void Failure(string target, Exception exception)
    {
        var message = exception switch
        {
            OperationCanceledException => $"{target} was cancelled.",
            _ when expected.IsExpected(exception) => exception.Message,
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
            OperationCanceledException => message,
            _ when expected.IsExpected(exception) => message,
            _ => $"{target}: {exception.Message}",
        };
        Raw(GitHubActions.Error(annotation, location));
    }
}
