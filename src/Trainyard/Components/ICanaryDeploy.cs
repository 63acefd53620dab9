using Spectre.Console;
using Trainyard.Containers;
using Trainyard.Deploy;
using Trainyard.IO;
using Trainyard.Packaging;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>
/// CanaryDeploy: the version Containerize built goes to production by canary analysis — started beside the stable
/// version behind the gateway, given each of <c>deploy.steps</c>' share of the traffic for <c>deploy.interval</c>,
/// judged on the window's live metrics by <c>deploy.checks</c>, then promoted (the alias <c>production</c> moves,
/// the old version is drained and stopped) or aborted (all traffic back on stable at once). Exit 0 when promoted or
/// held, 1 when aborted. docs/deploy.md.
/// </summary>
public interface ICanaryDeploy : IContainerize, IHazDeploy
{
    [Parameter("CanaryDeploy: promote the canary held by deploy.hold (A/B) now")]
    bool? Promote => TryGetValue(() => Promote);

    [Parameter("CanaryDeploy: abort the canary held by deploy.hold, all traffic back on stable")]
    bool? Abort => TryGetValue(() => Abort);

    Target CanaryDeploy => _ => _
        .Description("Deploys the containerized version as a canary behind the gateway, steps its weight, judges each step on live metrics, then promotes or aborts")
        .DependsOn(Containerize)
        .OnlyWhen(IHazTrigger.NothingToRetrain, () => TrainingChainRuns)
        .AlwaysRuns("a deploy changes what runs on the Docker engine, which Trainyard does not fingerprint")
        .Executes(async cancellationToken =>
        {
            var decision = (Promote, Abort) switch
            {
                (true, true) => throw new UsageException("--promote and --abort both given: choose one"),
                (true, _) => HeldDecision.Promote,
                (_, true) => HeldDecision.Abort,
                _ => HeldDecision.None,
            };
            var spec = Spec;
            // The gateway image is built as the model server's: on the same base, with the same --serving-build.
            var imageSettings = ContainerizeSettings(new ContainerizeSettings
            {
                Image = spec.Name, BaseImage = BaseImage, ServingBuild = ServingBuild ?? Containers.ContainerizeSettings.DefaultServingBuild,
            });
            var contentKey = await PackageInputs.ContentKeyAsync(spec, Context.RootDirectory, PipelineArtifacts, cancellationToken);
            var outcome = await WithDeployAsync(async deploy =>
            {
                var version = await ContainerizeRun.FindVersionAsync(deploy.Registry, contentKey, cancellationToken);
                var image = (await deploy.Registry.ReadImagesAsync(version, cancellationToken)).LastOrDefault()?.Reference
                    ?? throw new TrainyardException($"{version.Tag} of {spec.Name} has no image: run Containerize");
                return await new CanaryRun(WithoutScorePsiWhenRetraining(deploy)).RunAsync(version.Tag, image, decision, cancellationToken);
            }, (engine, ct) => GatewayImage.EnsureAsync(engine, imageSettings.BaseImage, imageSettings.ServingBuild, Context.RootDirectory, RepositoryPath.Full(Context.RootDirectory, "artifacts/gateway"), Context.Console, ct), cancellationToken);
            Context.Console.WriteLine(outcome switch
            {
                DeployOutcome.Held => "Held: ./build.sh CanaryDeploy --promote or --abort decides (Deployments shows the history).",
                DeployOutcome.Unchanged => "Nothing changed.",
                _ => "Deployed.",
            });
        });

    /// <summary>
    /// A retrained model answers the drifted traffic differently from the model it replaces — that is what it was
    /// trained for — so score_psi (canary against stable) would abort the very retrain it should promote. In a Retrain
    /// that retrains it is left out, saying so; Evaluate's gates against production have judged the model.
    /// </summary>
    private DeployRequest WithoutScorePsiWhenRetraining(DeployRequest deploy)
    {
        if (!TrainsOnDriftedData || !deploy.Spec.Checks.Any(c => c.Metric == Pipelines.DeployReader.ScorePsi)) return deploy;
        Context.Console.WriteLine("score_psi is not checked in this deploy: Retrain deploys a model trained on drifted data, whose scores are meant to differ from stable's (docs/retrain.md).");
        return deploy with { Spec = deploy.Spec with { Checks = [.. deploy.Spec.Checks.Where(c => c.Metric != Pipelines.DeployReader.ScorePsi)] } };
    }
}
