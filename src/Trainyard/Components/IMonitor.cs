using Spectre.Console;
using Trainyard.Data.Validation;
using Trainyard.Docker;
using Trainyard.GitHub;
using Trainyard.IO;
using Trainyard.Monitoring;
using Trainyard.Monitoring.Estimation;
using Trainyard.Reporting;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>
/// Monitor: reads what production logged in a window (the model servers' prediction logs, from a folder or copied
/// out of the running containers) and judges it against the production version's package — drift of live inputs
/// (ValidateData's drift check), of the scores, traffic and latency per caller, and live quality once labels arrive
/// (<c>--labels</c>), quality estimated before they do (<c>estimated.*</c>, from the calibration the package stores), and
/// with labels the A/B difference between versions — then the <c>monitor.gates</c>. Writes artifacts/&lt;pipeline&gt;/monitor.json, and
/// <c>verdict=…</c> and <c>retrain=true|false</c> to GITHUB_OUTPUT in Actions. Exit 1 when a gate fails, or with
/// too little traffic under <c>monitor.no_data: fail</c>. docs/monitor.md.
/// </summary>
public interface IMonitor : IHazDeploy, IHazGitHub
{
    [Parameter("Monitor: the window, the last 24h, 30m, 7d … (default: monitor.since, 24h)")]
    string? Since => TryGetValue(() => Since);

    [Parameter("Monitor: the window's start, ISO 8601 (2026-12-01 or 2026-12-01T08:00:00Z)")]
    string? From => TryGetValue(() => From);

    [Parameter("Monitor: the window's end, ISO 8601 (default: now)")]
    string? To => TryGetValue(() => To);

    [Parameter("Monitor: a CSV of labels that arrived for logged requests: request_id (and row) or the spec's data.id, and the label column")]
    string? Labels => TryGetValue(() => Labels);

    [Parameter("Monitor: folder of prediction logs (default: monitor.log, else copied out of the model's server containers)")]
    string? Log => TryGetValue(() => Log);

    [Parameter("Monitor: open (or update) one GitHub issue per model naming what drifted and which gates failed, closed when healthy again; needs GITHUB_TOKEN and GITHUB_REPOSITORY")]
    bool? OpenIssue => TryGetValue(() => OpenIssue);

    Target Monitor => _ => _
        .Description("Judges production's prediction log in a window against the production version: input and score drift, latency, live quality, monitor gates; writes monitor.json")
        .AlwaysRuns("production's log grows by the minute, which Trainyard does not fingerprint")
        // A degraded verdict fails the build (a scheduled job goes red) but is what Retrain acts on: it must still run.
        .ProceedAfterFailure()
        .Outputs(() => [ArtifactPaths.Monitor, ArtifactPaths.MonitorPage])
        .Executes(async cancellationToken =>
        {
            var issueRepository = OpenIssue == true ? IssueRepository() : null;
            var spec = Spec;
            var root = Context.RootDirectory;
            var window = LogWindow.Of(Since, From, To, spec.Monitor.Since, DateTimeOffset.UtcNow);
            var (folder, source) = await LogFolderAsync(spec.Name, spec.Monitor.Log, cancellationToken);
            var files = PredictionLogReader.FilesOf(folder);
            var total = files.Sum(f => new FileInfo(f).Length);
            var labels = Labels is { } labelsPath ? await LiveLabels.ReadAsync(root, labelsPath, spec.Data.Label, spec.Data.Id, cancellationToken) : null;
            var calibration = await VersionCalibration.LoadAsync(root, PipelineArtifacts, cancellationToken);
            // The log has answered predictions only; the gateway's counts of every request come from Prometheus.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var gateway = PrometheusUri is { } prometheus ? await GatewayOutcomes.FromPrometheusAsync(http, prometheus, window, cancellationToken) : null;
            var report = await WithRegistryAsync(registry => MonitorRun.RunAsync(new MonitorRequest(spec, window, files, source, labels)
            {
                Estimator = calibration.Estimator,
                Gateway = gateway,
                Progress = total >= 64L << 20 ? new ScanProgressDisplay(Context.Console) : null,
            }, registry, DateTimeOffset.UtcNow, cancellationToken));

            var path = ArtifactPaths.Monitor;
            await report.WriteAsync(RepositoryPath.Full(root, path), cancellationToken);
            await MonitorHtml.WriteAsync(RepositoryPath.Full(root, ArtifactPaths.MonitorPage), report, DateTimeOffset.UtcNow, cancellationToken);
            MonitorSummary.Render(Context.Console, report);
            Context.Console.WriteLine($"Wrote {path} and {ArtifactPaths.MonitorPage}");
            await GitHubOutput.AppendAsync(Context.Environment, report, cancellationToken);
            if (issueRepository is not null) await OpenIssueAsync(issueRepository, report, spec.Monitor.NoData == Pipelines.MonitorNoData.Fail, cancellationToken);
            if (report.Verdict == "degraded")
                throw new TrainyardException($"{report.Summary}; see {path}");
            if (report.Verdict == "no_data" && spec.Monitor.NoData == Pipelines.MonitorNoData.Fail)
                throw new TrainyardException($"{report.Summary} (monitor.no_data: fail; pass to let a quiet window through)");
        });

    /// <summary>Where --open-issue opens its issue: GITHUB_REPOSITORY, with the token; checked before the log is read.</summary>
    internal GitHubRepository IssueRepository()
    {
        if (string.IsNullOrWhiteSpace(GithubToken))
            throw new UsageException("--open-issue needs a GitHub token: --github-token or GITHUB_TOKEN (in Actions: `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` with `permissions: issues: write`)");
        return Context.Environment.GetValueOrDefault("GITHUB_REPOSITORY") is { Length: > 0 } repository ? GitHubRepository.Parse(repository)
            : throw new UsageException("--open-issue needs GITHUB_REPOSITORY (owner/name), which GitHub Actions sets: set it to the repository the issue belongs in");
    }

    /// <summary>
    /// Opens or updates the model's issue when the report needs attention, or closes it with a comment when healthy
    /// again. A failure to reach GitHub is a warning: the gates, not the issue, decide the exit.
    /// </summary>
    internal async Task OpenIssueAsync(GitHubRepository repository, Artifacts.Monitoring.MonitorReport report, bool noDataFails, CancellationToken cancellationToken)
    {
        string? Env(string name) => Context.Environment.GetValueOrDefault(name);
        var runUrl = PullRequestContext.RunUrl(Env);
        var connection = GitHubConnection.FromEnvironment(name => name == "GITHUB_TOKEN" ? GithubToken : Env(name))!;
        try
        {
            using var client = new GitHubApi(connection);
            var outcome = await new MonitorIssue(client, repository).SyncAsync(report.Pipeline, MonitorIssueText.NeedsAttention(report, noDataFails),
                MonitorIssueText.Title(report), MonitorIssueText.Body(report, runUrl), MonitorIssueText.HealthyAgain(report, runUrl), cancellationToken);
            Context.Console.WriteLine(outcome.Action switch
            {
                IssueAction.Opened => $"Opened issue #{outcome.Issue!.Number} in {repository}: {outcome.Issue.HtmlUrl}",
                IssueAction.Updated => $"Updated issue #{outcome.Issue!.Number} in {repository}: {outcome.Issue.HtmlUrl}",
                IssueAction.Closed => $"Healthy again: closed issue #{outcome.Issue!.Number} in {repository}",
                _ => $"No issue: {report.Pipeline} needs no attention and none is open in {repository}",
            });
        }
        catch (TrainyardException e)
        {
            Context.Console.WriteLine($"Issue not opened: {e.Message}");
            if (Context.IsGitHubActions) Context.Console.WriteLine(GitHubActions.Warning($"Trainyard could not open the {report.Pipeline} monitor issue: {e.Message}"));
        }
    }

    /// <summary>--log, else monitor.log, else the logs copied out of the model's server containers into artifacts/&lt;pipeline&gt;/monitor-logs.</summary>
    internal async Task<(string Folder, string Source)> LogFolderAsync(string model, string? specLog, CancellationToken cancellationToken)
    {
        if ((Log ?? specLog) is { } given)
        {
            var full = RepositoryPath.Full(Context.RootDirectory, given);
            if (!Directory.Exists(full))
                throw new TrainyardException($"{(Log is null ? "monitor.log" : "--log")} {given}: no such folder of prediction logs");
            return (full, given);
        }
        var copies = RepositoryPath.Full(Context.RootDirectory, $"{PipelineArtifacts}/monitor-logs");
        if (Directory.Exists(copies)) Directory.Delete(copies, recursive: true);
        using var engine = await DockerEngine.ConnectAsync(EngineAddress, cancellationToken);
        var containers = await ContainerLogs.CopyAsync(engine, model, copies, cancellationToken);
        return (copies, $"{string.Join(", ", containers)} on {engine.Host}");
    }
}
