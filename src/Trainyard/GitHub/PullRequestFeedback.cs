using Octokit;
using Spectre.Console;

namespace Trainyard.GitHub;

/// <summary>
/// Posts a pipeline's feedback to its pull request: the one sticky comment, and the gate verdict as a commit status
/// on the head commit. It takes the verdict as plain values, so GitHub/ does not depend on the report's types.
/// </summary>
internal static class PullRequestFeedback
{
    /// <summary>GitHub truncates nothing: it refuses a status description over 140 characters.</summary>
    const int MaxDescription = 140;

    /// <param name="passed">Whether the gates passed; null when none were judged (the status is then <c>error</c>).</param>
    /// <param name="headline">The verdict in one line, e.g. <c>1 of 5 gates failed: auc &gt;= 0.99</c>.</param>
    public static async Task PostAsync(PullRequestContext pullRequest, string pipeline, string markdown, bool? passed, string headline,
        string? reportUrl, IAnsiConsole console, CancellationToken cancellationToken)
    {
        using var client = new GitHubApi(pullRequest.Connection);
        var number = pullRequest.PullRequest.Number;
        var posted = await new PipelineComment(client, pullRequest.Repository, number).PostAsync(pipeline, markdown, cancellationToken);
        console.WriteLine($"{(posted.Action == CommentAction.Created ? "Created" : "Updated")} the comment on {pullRequest.Repository}#{number}: {posted.Comment.HtmlUrl ?? $"comment {posted.Comment.Id}"}");

        var state = passed switch { true => CommitState.Success, false => CommitState.Failure, null => CommitState.Error };
        var status = new NewCommitStatus
        {
            State = state,
            Context = $"trainyard/{pipeline}",
            Description = headline.Length <= MaxDescription ? headline : headline[..(MaxDescription - 1)] + "…",
            TargetUrl = reportUrl,
        };
        var sha = pullRequest.PullRequest.HeadSha;
        await client.CreateCommitStatusAsync(pullRequest.Repository, sha, status, cancellationToken);
        console.WriteLine($"Set commit status {status.Context} = {state.ToString().ToLowerInvariant()} on {sha[..Math.Min(12, sha.Length)]}");
    }
}
