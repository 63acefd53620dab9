using Spectre.Console;

namespace Trainyard.Targets;

internal enum TargetStatus { Succeeded, Failed, Skipped, UpToDate, NotRun }

/// <summary>How one target ended; the reason says why it was skipped, not run, or failed.</summary>
internal sealed record TargetOutcome(string Name, TargetStatus Status, string? Reason, TimeSpan Duration);

internal sealed record BuildResult(int ExitCode, IReadOnlyList<TargetOutcome> Targets)
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
}

/// <summary>Where and how a build runs; <see cref="TrainyardBuild.Execute{TBuild}"/> fills it from the process, tests by hand.</summary>
internal sealed record BuildEnvironment(
    string CurrentDirectory,
    IReadOnlyDictionary<string, string> Variables,
    IAnsiConsole Console,
    CancellationToken CancellationToken = default);
