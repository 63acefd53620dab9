using Octokit;

namespace Trainyard.GitHub;

/// <summary>
/// The one open issue Monitor keeps per model, found by a hidden marker (<c>&lt;!-- trainyard:monitor=credit-risk --&gt;</c>)
/// among the repository's open issues, as <see cref="PipelineComment"/> finds its comment: opened when the model needs
/// attention, its title and body replaced on every later run that still does, and — when a run finds the model
/// healthy again — commented on and closed. A later alarm opens a new issue, so each closed one is one episode.
/// </summary>
internal sealed class MonitorIssue(GitHubApi client, GitHubRepository repository)
{
    public static string Marker(string model)
    {
        if (string.IsNullOrWhiteSpace(model) || model.Contains("--", StringComparison.Ordinal) || model.Contains('>'))
            throw new TrainyardException($"'{model}' cannot be put in an issue marker.");
        return $"<!-- trainyard:monitor={model} -->";
    }

    /// <summary>The model's open issue, searched across all pages (pull requests skipped); null when there is none.</summary>
    public async Task<Issue?> FindAsync(string model, CancellationToken cancellationToken = default)
    {
        var marker = Marker(model);
        await foreach (var issue in client.ListOpenIssuesAsync(repository, cancellationToken).ConfigureAwait(false))
            if (issue.PullRequest is null && HasMarker(issue.Body, marker)) return issue;
        return null;
    }

    /// <summary>Opens or updates the model's issue when <paramref name="attention"/>; else closes an open one with <paramref name="healthyAgain"/>.</summary>
    public async Task<IssueOutcome> SyncAsync(string model, bool attention, string title, string markdown, string healthyAgain, CancellationToken cancellationToken = default)
    {
        var existing = await FindAsync(model, cancellationToken).ConfigureAwait(false);
        if (attention)
        {
            var body = $"{Marker(model)}\n{markdown}";
            return existing is null
                ? new IssueOutcome(IssueAction.Opened, await client.CreateIssueAsync(repository, title, body, cancellationToken).ConfigureAwait(false))
                : new IssueOutcome(IssueAction.Updated, await client.UpdateIssueAsync(repository, existing.Number, title, body, cancellationToken).ConfigureAwait(false));
        }
        if (existing is null) return new IssueOutcome(IssueAction.None, null);
        await client.CreateIssueCommentAsync(repository, existing.Number, healthyAgain, cancellationToken).ConfigureAwait(false);
        return new IssueOutcome(IssueAction.Closed, await client.CloseIssueAsync(repository, existing.Number, cancellationToken).ConfigureAwait(false));
    }

    // Line-wise, so model "credit" does not match the marker of "credit-risk".
    static bool HasMarker(string? body, string marker) =>
        body is not null && body.Split('\n').Any(line => line.TrimEnd('\r').Trim() == marker);
}

/// <summary>What a monitor run did to the model's issue.</summary>
internal enum IssueAction { None, Opened, Updated, Closed }

/// <param name="Issue">The issue as GitHub returned it; null when nothing was done.</param>
internal sealed record IssueOutcome(IssueAction Action, Issue? Issue);
