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

    /// <summary><c>--force</c>: targets run even when up to date (a target may read it as "whatever its checks say", as Retrain does).</summary>
    public bool Force { get; init; }

    /// <summary>
    /// The targets this run runs, in order, not counting <c>--skip</c>ped ones (NUKE's <c>ScheduledTargets</c>): empty
    /// until the plan is made. Lets a target's condition depend on whether another target is part of this run.
    /// </summary>
    public IReadOnlyList<string> ScheduledTargets { get; internal set; } = [];
}
