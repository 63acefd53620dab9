using Spectre.Console;
using Trainyard.Targets;

namespace Trainyard.Tests.Targets;

/// <summary>Runs a build in-process over a temporary root, a plain fixed-width console and a private environment.</summary>
internal sealed class BuildHarness : IDisposable
{
    private readonly StringWriter _writer = new();

    public BuildHarness()
    {
        Root = Path.Combine(Path.GetTempPath(), "trainyard-engine-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, ".trainyard"));
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_writer),
        });
        Console.Profile.Width = 160;
    }

    public string Root { get; }
    public IAnsiConsole Console { get; }
    public Dictionary<string, string> Environment { get; } = new();
    public string Output => _writer.ToString();

    public Task<BuildResult> RunAsync(TrainyardBuild build, params string[] args) => RunAsync(build, CancellationToken.None, args);

    public Task<BuildResult> RunAsync(TrainyardBuild build, CancellationToken cancellationToken, params string[] args)
    {
        _writer.GetStringBuilder().Clear();
        return TrainyardBuild.RunAsync(build, args, new BuildEnvironment(Root, Environment, Console, cancellationToken));
    }

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

internal static class BuildResultExtensions
{
    public static TargetOutcome Of(this BuildResult result, string name) => result.Targets.Single(t => t.Name == name);

    public static string[] Names(this BuildResult result) => result.Targets.Select(t => t.Name).ToArray();
}
