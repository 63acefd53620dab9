using Spectre.Console;

namespace Trainyard.Targets;

/// <summary>What a running build knows about where and how it runs.</summary>
public sealed class BuildContext
{
    public required string RootDirectory { get; init; }

    /// <summary>Where targets write what they print; in tests a console over a StringWriter.</summary>
    public required IAnsiConsole Console { get; init; }

    public CancellationToken CancellationToken { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary><c>--format json</c>: targets that print data (the plan, Deployments) print it as JSON.</summary>
    public bool JsonOutput { get; init; }

    public bool IsGitHubActions =>
        Environment.TryGetValue("GITHUB_ACTIONS", out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    public string ArtifactsDirectory => Path.Combine(RootDirectory, "artifacts");
}
