using Trainyard.Components;
using Trainyard.Targets;
using Trainyard.Targets.Workflows;

/// <summary>
/// This repository's build. Trainyard's targets come with the interfaces below (InferSchema, ValidateData, Train,
/// Evaluate, Report, Comment, Package, Containerize); ./build.sh --help lists them and their parameters.
/// ./build.sh Workflows writes .github/workflows/ from the [GitHubActions] attributes below; run it after changing them.
/// </summary>
// Each pull request: the chain up to the PR comment, one job per target. Debian bookworm has XGBoost 1.7
// (libxgboost0), which Trainyard trains with; build.sh installs it as root.
[GitHubActions("pull-request", GitHubActionsTrigger.PullRequest,
    InvokedTargets = [nameof(IComment.Comment)],
    ImportSecrets = [nameof(IComment.GithubToken)],
    Container = "debian:bookworm",
    ConcurrencyGroup = "pull-request-${{ github.event.pull_request.number }}", ConcurrencyCancelInProgress = true)]
// Each push to main: the chain up to a canary deploy. The deploy job waits for the reviewers of the GitHub environment
// "production" (Settings > Environments > production > Required reviewers), and two deploys never overlap. For a
// deploy that outlives the job, run it on a self-hosted runner on your Docker host: RunsOn = "self-hosted".
[GitHubActions("main", OnPushBranches = ["main"],
    InvokedTargets = [nameof(ICanaryDeploy.CanaryDeploy)],
    Environment = "production",
    Container = "debian:bookworm", ContainerVolumes = ["/var/run/docker.sock:/var/run/docker.sock"],
    ConcurrencyGroup = "deploy-production")]
// Every morning: Monitor judges production's prediction log; Retrain takes the chain to a canary only when Monitor
// says so (drift or a failed monitor gate). One job, since Retrain acts on Monitor's verdict in the same run.
[GitHubActions("schedule", GitHubActionsTrigger.WorkflowDispatch, OnCronSchedule = "0 6 * * *",
    InvokedTargets = [nameof(IRetrain.Retrain)], OneJob = true, Environment = "production",
    Container = "debian:bookworm", ContainerVolumes = ["/var/run/docker.sock:/var/run/docker.sock"],
    ConcurrencyGroup = "deploy-production")]
class Build : TrainyardBuild, IInferSchema, IComment, IContainerize, ICanaryDeploy, IRollback, IDeployments, IRetrain, IWorkflows
{
    public static int Main(string[] args) => Execute<Build>(args);

    // Change a component's settings with its Configure hook instead of copying the target (docs/customising.md), e.g.
    //   Configure<Trainyard.Training.TrainingSettings> ITrain.TrainingSettings => s => s with { Threads = 2 };
    //   Configure<Trainyard.Reporting.ReportSettings> IReport.ReportSettings => s => s with { Title = "Churn model" };

    // Add your own targets here; they join Trainyard's dependency graph and run with ./build.sh <Name>:
    //   Target Publish => _ => _
    //       .DependsOn(From<IContainerize>().Containerize)
    //       .Executes(() => Console.WriteLine("push the image to your registry"));

    // Replace one of Trainyard's targets by implementing it here, e.g. Target IReport.Report => _ => _ ... ;
}
