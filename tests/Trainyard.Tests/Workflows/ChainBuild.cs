using Trainyard.Components;
using Trainyard.Targets;
using Trainyard.Targets.Workflows;

namespace Trainyard.Tests.Workflows;

/// <summary>
/// A build shaped like a consumer's, without ML: each target writes the files it declares, so a test can play a
/// generated job (download, then ./build.sh with --skip) for real. Monitor and Retrain stand in for the schedule.
/// </summary>
[GitHubActions("pull-request", GitHubActionsTrigger.PullRequest,
    InvokedTargets = [nameof(Comment)],
    ImportSecrets = [nameof(GithubToken)],
    ConcurrencyGroup = "pull-request-${{ github.event.pull_request.number }}", ConcurrencyCancelInProgress = true)]
[GitHubActions("main", OnPushBranches = ["main"],
    InvokedTargets = [nameof(Deploy)],
    Environment = "production",
    ConcurrencyGroup = "deploy-production")]
[GitHubActions("schedule", GitHubActionsTrigger.WorkflowDispatch, OnCronSchedule = "0 6 * * 1-5",
    InvokedTargets = [nameof(Retrain)],
    Environment = "production",
    ConcurrencyGroup = "deploy-production")]
[GitHubActions("pipelines", GitHubActionsTrigger.PullRequest,
    InvokedTargets = [nameof(Evaluate)],
    Matrix = ["--pipeline pipelines/churn.yml", "--pipeline pipelines/fraud.yml"],
    FetchDepth = 0)]
[GitHubActions("nightly", OnCronSchedule = "30 2 * * *", InvokedTargets = [nameof(Retrain), nameof(Comment)], OneJob = true)]
internal class ChainBuild : TrainyardBuild, IWorkflows
{
    public List<string> Ran { get; } = [];

    [Parameter("GitHub token"), Secret] public string? GithubToken = null;

    [Parameter("Pipeline spec")] public string Pipeline = "pipelines/churn.yml";

    string Artifacts => $"artifacts/{Path.GetFileNameWithoutExtension(Pipeline)}";

    Target Validate => _ => _.Uses(() => Pipeline).Outputs(() => [$"{Artifacts}/validation.json"]).Executes(ct => Write(nameof(Validate), ct, "validation.json"));

    Target Train => _ => _.DependsOn(Validate).Uses(() => Pipeline)
        .Inputs(() => [$"{Artifacts}/validation.json"])
        .Outputs(() => [$"{Artifacts}/model.json", $"{Artifacts}/run.json"])
        .Executes(ct => Write(nameof(Train), ct, "model.json", "run.json"));

    Target Evaluate => _ => _.DependsOn(Train).Uses(() => Pipeline)
        .Inputs(() => [$"{Artifacts}/model.json"])
        .Outputs(() => [$"{Artifacts}/metrics.json"])
        .Executes(ct => Write(nameof(Evaluate), ct, "metrics.json"));

    Target Report => _ => _.DependsOn(Evaluate).AssuredAfterFailure()
        .Outputs(() => [$"{Artifacts}/report.html"])
        .Executes(ct => Write(nameof(Report), ct, "report.html"));

    [GitHubActionsWritePermissions(GitHubActionsPermission.PullRequests, GitHubActionsPermission.Statuses)]
    Target Comment => _ => _.DependsOn(Report).AssuredAfterFailure().Executes(() => Ran.Add(nameof(Comment)));

    // No outputs: its result lives in a registry, so the jobs after it run it again.
    Target Package => _ => _.DependsOn(Evaluate).Executes(() => Ran.Add(nameof(Package)));

    Target Deploy => _ => _.DependsOn(Package).Executes(() => Ran.Add(nameof(Deploy)));

    Target Monitor => _ => _.Outputs(() => [$"{Artifacts}/monitor.json"]).Executes(ct => Write(nameof(Monitor), ct, "monitor.json"));

    Target Retrain => _ => _.DependsOn(Monitor, Deploy).Executes(() => Ran.Add(nameof(Retrain)));

    async Task Write(string target, CancellationToken cancellationToken, params string[] files)
    {
        Ran.Add(target);
        foreach (var file in files)
        {
            var path = Path.Combine(Context.RootDirectory, Artifacts, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // The model depends on what it was trained from, as a real one would.
            var text = file == "model.json" ? File.ReadAllText(Path.Combine(Context.RootDirectory, Artifacts, "validation.json")) + "model" : file;
            await File.WriteAllTextAsync(path, text, cancellationToken);
        }
    }
}
