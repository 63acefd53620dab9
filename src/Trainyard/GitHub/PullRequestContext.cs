namespace Trainyard.GitHub;

/// <summary>
/// The pull request a build can post its feedback to — connection, repository and PR (number and head commit) —
/// read from the GitHub Actions environment. Outside a PR, or without a token, there is none, and
/// <see cref="Detection.WhyNot"/> says why in words a user can act on.
/// </summary>
internal sealed record PullRequestContext(GitHubConnection Connection, GitHubRepository Repository, PullRequestEvent PullRequest)
{
    internal sealed record Detection(PullRequestContext? Context, string? WhyNot);

    /// <param name="token">The token from the build's secret parameter (GITHUB_TOKEN), never printed.</param>
    public static async Task<Detection> DetectAsync(Func<string, string?> environment, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(environment("GITHUB_EVENT_PATH")))
            return new(null, "not running in GitHub Actions (GITHUB_EVENT_PATH is not set)");
        var pullRequest = await PullRequestEvent.FromEnvironmentAsync(environment, cancellationToken).ConfigureAwait(false);
        if (pullRequest is null)
            return new(null, $"the GitHub event '{environment("GITHUB_EVENT_NAME") ?? "unknown"}' is not about a pull request");
        if (environment("GITHUB_REPOSITORY") is not { Length: > 0 } repository)
            return new(null, "GITHUB_REPOSITORY is not set");
        if (string.IsNullOrWhiteSpace(token))
            return new(null, "GITHUB_TOKEN is not set: give the step `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` to post the comment");
        var connection = GitHubConnection.FromEnvironment(name => name == "GITHUB_TOKEN" ? token : environment(name))!;
        return new(new PullRequestContext(connection, GitHubRepository.Parse(repository), pullRequest), null);
    }

    /// <summary>The Actions run's page (its artifacts are listed there), when the environment names one.</summary>
    public static string? RunUrl(Func<string, string?> environment) =>
        (environment("GITHUB_SERVER_URL"), environment("GITHUB_REPOSITORY"), environment("GITHUB_RUN_ID")) is ({ Length: > 0 } server, { Length: > 0 } repository, { Length: > 0 } run)
            ? $"{server.TrimEnd('/')}/{repository}/actions/runs/{run}"
            : null;
}
