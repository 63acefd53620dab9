using Spectre.Console;
using Trainyard.Reporting;

namespace Trainyard.GitHub;

/// <summary>Posts a pipeline's feedback to its pull request: the one sticky comment, and the gate verdict as a commit status on the head commit.</summary>
internal static class PullRequestFeedback
{
    /// <summary>GitHub truncates nothing: it refuses a status description over 140 characters.</summary>
    const int MaxDescription = 140;

    public static async Task PostAsync(PullRequestContext pullRequest, string pipeline, string markdown, ReportVerdict verdict, string? reportUrl,
        IAnsiConsole console, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var client = new GitHubClient(pullRequest.Connection, http);
        var number = pullRequest.PullRequest.Number;
        var posted = await new PipelineComment(client, pullRequest.Repository, number).PostAsync(pipeline, markdown, cancellationToken);
        console.WriteLine($"{(posted.Action == CommentAction.Created ? "Created" : "Updated")} the comment on {pullRequest.Repository}#{number}: {posted.Comment.HtmlUrl ?? $"comment {posted.Comment.Id}"}");

        var state = verdict.Tone switch { "passed" => CommitState.Success, "failed" => CommitState.Failure, _ => CommitState.Error };
        var description = verdict.Headline.Length <= MaxDescription ? verdict.Headline : verdict.Headline[..(MaxDescription - 1)] + "…";
        var sha = pullRequest.PullRequest.HeadSha;
        await client.CreateCommitStatusAsync(pullRequest.Repository, sha, new CommitStatus(state, $"trainyard/{pipeline}", description, reportUrl), cancellationToken);
        console.WriteLine($"Set commit status trainyard/{pipeline} = {state.ToString().ToLowerInvariant()} on {sha[..Math.Min(12, sha.Length)]}");
    }
}
