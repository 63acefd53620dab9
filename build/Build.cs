using Microsoft.Data.Analysis;
using Trainyard.Artifacts.Metrics;
using Trainyard.Components;
using Trainyard.Evaluation;
using Trainyard.Targets;
using Trainyard.Targets.Workflows;

/// <summary>
/// This repository's build: Trainyard's components on the sample pipelines, and Test for Trainyard's own suite.
/// A consuming repository's Build.cs looks the same, minus Test.
/// CI runs the workflows ./build.sh Workflows writes from the attributes below (docs/workflows.md); the Test target
/// (Trainyard's own suite) runs in .ci/run.
/// </summary>
// Every sample pipeline on each pull request, up to the PR comment. Debian bookworm has XGBoost 1.7 (libxgboost0),
// which Trainyard trains with; build.sh installs it as root.
[GitHubActions("pull-request", GitHubActionsTrigger.PullRequest,
    InvokedTargets = [nameof(IComment.Comment)],
    Matrix = ["--pipeline pipelines/credit-risk.yml", "--pipeline pipelines/ames.yml", "--pipeline pipelines/penguins.yml"],
    ImportSecrets = [nameof(IComment.GithubToken)],
    Container = "debian:bookworm",
    ConcurrencyGroup = "pull-request-${{ github.event.pull_request.number }}", ConcurrencyCancelInProgress = true)]
// The credit model from main to production: the deploy job waits for the production environment's reviewers, and
// two deploys never overlap. Containerize and CanaryDeploy use the runner's Docker engine through its socket.
[GitHubActions("main", OnPushBranches = ["main"],
    InvokedTargets = [nameof(ICanaryDeploy.CanaryDeploy)],
    Matrix = ["--pipeline pipelines/credit-risk.yml"],
    Environment = "production",
    Container = "debian:bookworm", ContainerVolumes = ["/var/run/docker.sock:/var/run/docker.sock"],
    ConcurrencyGroup = "deploy-production")]
// Every morning: Monitor judges production's log, and Retrain takes the chain to a canary only when Monitor says so.
// One job: Retrain's chain depends on Monitor's verdict in the same run (a failed Monitor still lets Retrain decide).
[GitHubActions("schedule", GitHubActionsTrigger.WorkflowDispatch, OnCronSchedule = "0 6 * * *",
    InvokedTargets = [nameof(IRetrain.Retrain)], OneJob = true,
    Matrix = ["--pipeline pipelines/credit-risk.yml"], Environment = "production",
    Container = "debian:bookworm", ContainerVolumes = ["/var/run/docker.sock:/var/run/docker.sock"],
    ConcurrencyGroup = "deploy-production")]
class Build : TrainyardBuild, IInferSchema, IComment, IPackage, IPromote, IContainerize, ICanaryDeploy, IRollback, IDeployments, IRetrain, IWorkflows
{
    public static int Main(string[] args) => Execute<Build>(args);

    [Parameter("Only the tests matching this dotnet test filter, e.g. FullyQualifiedName~Targets")]
    readonly string? TestFilter = null;

    // The credit pipeline's own metric: a gate can use it (amount_recall >= 0.6) like auc.
    IEnumerable<CustomMetric> IEvaluate.CustomMetrics =>
        Path.GetFileNameWithoutExtension(From<IHazPipeline>().Pipeline) == "credit-risk"
            ? [new("amount_recall", MetricDirection.HigherIsBetter, AmountRecall) { DisplayName = "Bad-loan amount flagged" }]
            : [];

    /// <summary>Of the money lent in the test rows' bad loans, the share in loans the model flags as bad at its threshold.</summary>
    static double? AmountRecall(DataFrame rows)
    {
        var bad = rows.Filter(rows[TestRows.Label].ElementwiseEquals("bad"));
        var flagged = bad.Filter(bad[TestRows.Prediction].ElementwiseEquals("bad"));
        var total = Convert.ToDouble(bad["Amount"].Sum());
        return total == 0 ? null : Convert.ToDouble(flagged["Amount"].Sum()) / total;
    }

    Target Test => _ => _
        .Description("Runs Trainyard's own test suite (dotnet test Repo.sln) and prints 'N passed, N failed'")
        .AlwaysRuns("tests run each time they are asked for")
        .Executes(cancellationToken => TestSuite.RunAsync(Context, TestFilter, cancellationToken));
}
