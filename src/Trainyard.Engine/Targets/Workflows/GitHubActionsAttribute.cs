namespace Trainyard.Targets.Workflows;

/// <summary>What starts a generated workflow (NUKE's <c>GitHubActionsTrigger</c>); a schedule comes from <see cref="GitHubActionsAttribute.OnCronSchedule"/>.</summary>
public enum GitHubActionsTrigger
{
    Push,
    PullRequest,
    WorkflowDispatch,
}

/// <summary>
/// A GitHub Actions workflow that <c>./build.sh Workflows</c> writes to <c>.github/workflows/&lt;name&gt;.yml</c> from
/// the target graph: one job per target the invoked targets need, <c>needs</c> following DependsOn, each target's
/// declared <c>Outputs</c> uploaded as an artifact and downloaded by the jobs after it. Put one per workflow on the
/// Build class, as in NUKE:
/// <code>[GitHubActions("pull-request", GitHubActionsTrigger.PullRequest, InvokedTargets = [nameof(IComment.Comment)])]</code>
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class GitHubActionsAttribute(string name, params GitHubActionsTrigger[] triggers) : Attribute
{
    /// <summary>The workflow's name and file name (<c>.github/workflows/&lt;name&gt;.yml</c>).</summary>
    public string Name { get; } = name;

    /// <summary>The events that start it: the constructor's unless set here.</summary>
    public GitHubActionsTrigger[] On { get; set; } = triggers;

    /// <summary>Branches a push starts it on (implies <see cref="GitHubActionsTrigger.Push"/>).</summary>
    public string[] OnPushBranches { get; set; } = [];

    /// <summary>Tags a push starts it on (implies <see cref="GitHubActionsTrigger.Push"/>).</summary>
    public string[] OnPushTags { get; set; } = [];

    /// <summary>Base branches of the pull requests that start it (implies <see cref="GitHubActionsTrigger.PullRequest"/>).</summary>
    public string[] OnPullRequestBranches { get; set; } = [];

    /// <summary>A cron schedule in UTC, five fields (<c>"0 6 * * 1-5"</c>); checked when the workflow is generated.</summary>
    public string? OnCronSchedule { get; set; }

    /// <summary>The targets the workflow runs; every target they need gets a job of its own before theirs.</summary>
    public string[] InvokedTargets { get; set; } = [];

    /// <summary>
    /// [Secret] parameters passed to every job from the repository's secrets: <c>GithubToken</c> becomes
    /// <c>GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}</c> (the variable the parameter reads, the secret named after it).
    /// </summary>
    public string[] ImportSecrets { get; set; } = [];

    /// <summary>Commits actions/checkout fetches: 0 for the whole history; unset, its default (1).</summary>
    public int FetchDepth { get; set; } = -1;

    /// <summary>
    /// The GitHub environment the invoked targets' jobs run in (<c>"production"</c>): its protection rules, such as
    /// required reviewers, hold the job until someone approves it.
    /// </summary>
    public string? Environment { get; set; }

    /// <summary>A concurrency group: two runs in the same group never overlap (the later waits, or cancels the earlier).</summary>
    public string? ConcurrencyGroup { get; set; }

    /// <summary>A new run in <see cref="ConcurrencyGroup"/> cancels the one in progress instead of waiting for it.</summary>
    public bool ConcurrencyCancelInProgress { get; set; }

    /// <summary>The runner every job runs on.</summary>
    public string RunsOn { get; set; } = "ubuntu-latest";

    /// <summary>An image every job's steps run in, e.g. <c>"debian:bookworm"</c>; its git, curl and certificates are installed first.</summary>
    public string? Container { get; set; }

    /// <summary>Volumes mounted into <see cref="Container"/>, e.g. the runner's Docker socket for targets that use Docker.</summary>
    public string[] ContainerVolumes { get; set; } = [];

    /// <summary>
    /// Runs the whole plan in one job, as NUKE does, instead of one job per target: for a chain whose targets decide
    /// at run time on what else runs with them, or where the jobs' set-up costs more than the targets.
    /// </summary>
    public bool OneJob { get; set; }

    /// <summary>
    /// Runs the whole chain once per entry, each with these parameters (<c>"--pipeline pipelines/churn.yml"</c>):
    /// its jobs are named after the entry's last value (<c>train-churn</c>) and need only jobs of the same entry.
    /// </summary>
    public string[] Matrix { get; set; } = [];
}

/// <summary>
/// A GitHub token permission; a job gets <c>contents: read</c> and writes only what its target declares with
/// <see cref="GitHubActionsWritePermissionsAttribute"/>.
/// </summary>
public enum GitHubActionsPermission
{
    Actions,
    Checks,
    Contents,
    Deployments,
    IdToken,
    Issues,
    Packages,
    Pages,
    PullRequests,
    SecurityEvents,
    Statuses,
}

/// <summary>
/// On a target property: what its job in a generated workflow may write with the GitHub token,
/// e.g. <c>[GitHubActionsWritePermissions(GitHubActionsPermission.PullRequests)]</c> on a target that comments.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
public sealed class GitHubActionsWritePermissionsAttribute(params GitHubActionsPermission[] permissions) : Attribute
{
    public GitHubActionsPermission[] Permissions { get; } = permissions;
}
