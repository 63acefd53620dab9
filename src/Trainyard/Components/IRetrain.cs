using Spectre.Console;
using Trainyard.Artifacts;
using Trainyard.Targets;
using Trainyard.Training;

namespace Trainyard.Components;

/// <summary>
/// Retrain (continuous training): Monitor, then — when Monitor's report says retrain, or with <c>--force</c> —
/// ValidateData, Train, Evaluate, Package, Containerize and CanaryDeploy, as on a push to main. Evaluate's baseline
/// is the version in production, so gates such as <c>auc &gt;= baseline - 0.01</c> compare the retrained model with
/// what it would replace; a model that fails a gate stops at Evaluate and is not deployed. docs/retrain.md.
/// </summary>
/// <remarks>
/// How the chain is made conditional, with the engine's own semantics: Retrain <c>DependsOn(Monitor)</c> and
/// <c>Triggers</c> the chain, so <c>./build.sh Retrain</c> plans Monitor → Retrain → ValidateData … CanaryDeploy in
/// that order (<c>--plan</c> shows it) and a failed Retrain stops the chain. Retrain itself only decides and says so;
/// every chain target carries <c>OnlyWhen(TrainingChainRuns)</c>, which this interface answers from monitor.json
/// when Retrain is scheduled in this run (and leaves true otherwise, so <c>./build.sh CanaryDeploy</c> is unchanged).
/// A skipped target does not block its dependents in this engine (as in NUKE), which is why each chain target asks
/// rather than Train alone. The trigger Train records in run.json is Monitor's (<c>drift(Income, Age)</c>,
/// <c>quality(auc)</c>) with the report's sha256, or with <c>--force</c> the run's own (<c>--trigger</c>).
/// Retrain is AssuredAfterFailure so that it still runs, and retrains, when Monitor failed the build on a degraded
/// verdict — provided Monitor is ProceedAfterFailure (else the engine stops everything after it).
/// </remarks>
public interface IRetrain : ICanaryDeploy, IMonitor
{
    Target Retrain => _ => _
        .Description("Monitor, then — when it says retrain, or with --force — Train, Evaluate (baseline: production), Package, Containerize and CanaryDeploy")
        .DependsOn(Monitor)
        .Triggers(ValidateData, Train, Evaluate, Package, Containerize, CanaryDeploy)
        .AssuredAfterFailure()
        .Executes(() =>
        {
            var decision = Decision;
            Context.Console.WriteLine(decision.Retrain
                ? $"Retraining: {decision.Why}. Trigger: {decision.Trigger}. Evaluate compares with the production version; a model that fails a gate is not deployed."
                : $"Nothing to retrain: {decision.Why}. ValidateData, Train, Evaluate, Package, Containerize and CanaryDeploy are skipped (--force retrains anyway).");
        });

    /// <summary>What monitor.json (and <c>--force</c>) decide, read again on each use: the file does not change during the chain.</summary>
    internal RetrainDecision Decision => RetrainDecision.Decide(Context.RootDirectory, ArtifactPaths.Monitor, Context.Force, ((IHazTrigger)this).RunTrigger,
        // Monitor runs in this build: only a report it wrote since the process started counts.
        writtenSince: Context.ScheduledTargets.Contains(nameof(IMonitor.Monitor)) ? RetrainDecision.ProcessStarted() : null);

    internal bool IsRetraining => Context.ScheduledTargets.Contains(nameof(Retrain));

    bool IHazTrigger.TrainingChainRuns => !IsRetraining || Decision.Retrain;

    // Drift against the old reference is what the retrain answers, not a reason to stop before Train.
    bool IHazTrigger.TrainsOnDriftedData => IsRetraining && Decision.Retrain;

    RunTrigger ITrain.TrainTrigger => IsRetraining ? Decision.Trigger : ((IHazTrigger)this).RunTrigger;
}
