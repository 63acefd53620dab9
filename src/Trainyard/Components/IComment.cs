using System.Text.Json;
using Spectre.Console;
using Trainyard.GitHub;
using Trainyard.IO;
using Trainyard.Registry;
using Trainyard.Reporting;
using Trainyard.Targets;
using Trainyard.Targets.Workflows;

namespace Trainyard.Components;

/// <summary>
/// Comment: the pull-request comment (comment.md) — verdict, gates, headline metrics against the baseline, drift,
/// identity and a link to the report. In a GitHub Actions pull request it is posted once per pipeline and then
/// updated in place, with a commit status on the PR's head commit and a copy in the job summary. Anywhere else it is
/// only written: not being in a PR is no failure. Like Report, it runs after a failed gate, when it matters most.
/// </summary>
public interface IComment : IReport, IHazGitHub
{
    [Parameter("URL the comment links the report to, e.g. the uploaded artifact's URL (default: the CI run's page)", EnvironmentVariable = "TRAINYARD_REPORT_URL")]
    string? ReportUrl => TryGetValue(() => ReportUrl);

    /// <summary>
    /// Settings hook: receives the settings built for this pipeline (title: its name, every section shown) and returns
    /// the ones to write with, e.g. <c>Configure&lt;CommentSettings&gt; IComment.CommentSettings =&gt; s =&gt; s with { ShowFingerprints = false };</c>
    /// Default: unchanged.
    /// </summary>
    Configure<CommentSettings> CommentSettings => settings => settings;

    // Its job in a generated workflow may post the comment and set the commit status.
    [GitHubActionsWritePermissions(GitHubActionsPermission.PullRequests, GitHubActionsPermission.Statuses)]
    Target Comment => _ => _
        .Description("Writes comment.md; in a GitHub pull request, posts it (updated in place) and sets a commit status")
        .DependsOn(Report)
        // Up to date, like Report, while what it is written from is unchanged (the link it gives and its settings
        // too). In GitHub Actions it always runs: the comment also goes to the pull request, its commit status and
        // the job summary, which live in GitHub; and a CI job rarely keeps .trainyard/state anyway.
        .Uses(() => Pipeline)
        .Uses(() => Registry)
        .Uses(() => ReportUrl)
        .Uses("the pipeline spec", () => Spec.FingerprintOf(s => s))
        .Uses("the comment settings", () => JsonSerializer.Serialize(CommentSettings(new CommentSettings { Title = Spec.Name })))
        .Uses("the CI run", () => PullRequestContext.RunUrl(name => Context.Environment.GetValueOrDefault(name)))
        .Inputs(() => ReportSources)
        .Uses("the version in production", () => RegistryStore.ProductionDigest(Registry, Context.RootDirectory, Spec.Name))
        .Outputs(() => [ArtifactPaths.Comment])
        .AlwaysRunsWhen("in GitHub Actions the comment also goes to the pull request, its commit status and the job summary, which Trainyard does not fingerprint",
            () => Context.IsGitHubActions || !string.IsNullOrWhiteSpace(Context.Environment.GetValueOrDefault("GITHUB_EVENT_PATH")))
        .AlwaysRunsWhen(RemoteBaseline, () => RegistryStore.IsRemote(Registry))
        .AssuredAfterFailure()
        .Executes(async cancellationToken =>
        {
            var spec = Spec;
            string? Env(string name) => Context.Environment.GetValueOrDefault(name);
            var artifacts = RepositoryPath.Full(Context.RootDirectory, PipelineArtifacts);
            var inputs = await ReportInputs.LoadAsync(spec.Name, artifacts, Context.RootDirectory, await ReportBaselineAsync(cancellationToken), cancellationToken);
            var runUrl = PullRequestContext.RunUrl(Env);
            var links = new CommentLinks(ArtifactPaths.Report, ReportUrl, runUrl, PackageVersions.VersionOf(typeof(IComment).Assembly));
            var markdown = new CommentMarkdown().Render(CommentBuilder.Build(inputs, links, CommentSettings(new CommentSettings { Title = spec.Name })));
            var path = ArtifactPaths.Comment;
            Directory.CreateDirectory(artifacts);
            await AtomicFile.WriteAllTextAsync(RepositoryPath.Full(Context.RootDirectory, path), markdown, cancellationToken);
            Context.Console.WriteLine($"Wrote {path} ({markdown.Length:N0} characters)");

            if (Context.IsGitHubActions && Env("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
                await File.AppendAllTextAsync(summary, markdown + "\n", cancellationToken);

            var detection = await PullRequestContext.DetectAsync(Env, GithubToken, cancellationToken);
            if (detection.Context is not { } pullRequest)
            {
                Context.Console.WriteLine($"Not posted: {detection.WhyNot}.");
                return;
            }
            var verdict = VerdictBuilder.Verdict(inputs);
            try
            {
                var passed = verdict.Tone switch { "passed" => true, "failed" => false, _ => (bool?)null };
                await PullRequestFeedback.PostAsync(pullRequest, spec.Name, markdown, passed, verdict.Headline, ReportUrl ?? runUrl, Context.Console, cancellationToken);
            }
            catch (TrainyardException e)
            {
                // A fork's pull request gets a read-only token: the gates, not the comment, decide the build.
                Context.Console.WriteLine($"Not posted: {e.Message}");
                if (Context.IsGitHubActions) Context.Console.WriteLine(GitHubActions.Warning($"Trainyard could not post the {spec.Name} comment: {e.Message}"));
            }
        });
}
