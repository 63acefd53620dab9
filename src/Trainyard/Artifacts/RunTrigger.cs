namespace Trainyard.Artifacts;

/// <summary>
/// Why a training run started, as run.json and the registry record it: <c>push</c>, <c>schedule</c>, <c>manual</c>,
/// or what Monitor found (<c>drift(Income, Age)</c>, <c>quality(auc)</c>), with the sha256 of the monitor.json that
/// said so (<c>sha256:…</c>).
/// </summary>
/// <param name="Report">The triggering monitor report's digest; null unless Monitor triggered the run.</param>
public sealed record RunTrigger(string Reason, string? Report = null)
{
    public const string Push = "push";
    public const string Schedule = "schedule";
    public const string Manual = "manual";

    /// <summary>The default when the build names none: the GitHub Actions event (push, schedule), else manual.</summary>
    public static RunTrigger FromEnvironment(string? gitHubEventName) => new(gitHubEventName switch
    {
        Push => Push,
        Schedule => Schedule,
        _ => Manual,
    });

    public override string ToString() => Report is null ? Reason : $"{Reason} ({Report})";
}
