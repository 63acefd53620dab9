using Trainyard.Artifacts;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>
/// Why this run started, recorded in run.json and the registry's version (lineage): <c>--trigger</c>, else the GitHub
/// Actions event (<c>push</c>, <c>schedule</c>), else <c>manual</c>. Retrain replaces it with what Monitor found.
/// </summary>
public interface IHazTrigger : ITrainyardBuild
{
    [Parameter("Why this run started, for lineage in run.json and the registry: push, schedule, manual, or e.g. drift(Income, Age) (default: GITHUB_EVENT_NAME push or schedule, else manual)")]
    string? Trigger => TryGetValue(() => Trigger);

    /// <summary>The trigger Train records. Not part of Train's fingerprint: why a run started does not change the model.</summary>
    internal RunTrigger RunTrigger => Trigger is { Length: > 0 } given
        ? new RunTrigger(given.Trim())
        : RunTrigger.FromEnvironment(Context.Environment.GetValueOrDefault("GITHUB_EVENT_NAME"));

    /// <summary>
    /// Whether the continuous-training chain (ValidateData … CanaryDeploy) runs in this build: always, unless the
    /// build is a Retrain (<see cref="IRetrain"/>) whose Monitor found nothing to retrain.
    /// </summary>
    internal bool TrainingChainRuns => true;

    /// <summary>
    /// Whether this build trains on refreshed data that is expected to differ from the drift reference: a Retrain
    /// that retrains. ValidateData then reports drift as warnings whatever <c>drift.severity</c> says (docs/retrain.md).
    /// </summary>
    internal bool TrainsOnDriftedData => false;

    /// <summary>The reason a chain target shows when it is skipped because nothing needs retraining.</summary>
    internal const string NothingToRetrain = "Retrain: Monitor found nothing to retrain (see Retrain's output; --force retrains anyway)";
}
