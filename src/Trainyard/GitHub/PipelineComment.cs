using Octokit;

namespace Trainyard.GitHub;

/// <summary>
/// The one pull-request comment a pipeline owns, found by a hidden marker
/// (<c>&lt;!-- trainyard:pipeline=credit-risk --&gt;</c>) rather than by author, so it works with any token
/// and survives edits by people; posted once, then updated in place on every later run.
/// </summary>
internal sealed class PipelineComment(GitHubApi client, GitHubRepository repository, int pullRequest)
{
    public static string Marker(string pipeline)
    {
        if (string.IsNullOrWhiteSpace(pipeline) || pipeline.Contains("--", StringComparison.Ordinal) || pipeline.Contains('>'))
            throw new TrainyardException($"'{pipeline}' cannot be put in a comment marker.");
        return $"<!-- trainyard:pipeline={pipeline} -->";
    }

    /// <summary>The pipeline's existing comment, searched across all pages; null when there is none yet.</summary>
    public async Task<IssueComment?> FindAsync(string pipeline, CancellationToken cancellationToken = default)
    {
        var marker = Marker(pipeline);
        await foreach (var comment in client.ListIssueCommentsAsync(repository, pullRequest, cancellationToken).ConfigureAwait(false))
            if (HasMarker(comment.Body, marker)) return comment;
        return null;
    }

    /// <summary>Creates the pipeline's comment, or updates the existing one, with <paramref name="markdown"/> and the marker.</summary>
    public async Task<PostedComment> PostAsync(string pipeline, string markdown, CancellationToken cancellationToken = default)
    {
        var body = $"{Marker(pipeline)}\n{markdown}";
        var existing = await FindAsync(pipeline, cancellationToken).ConfigureAwait(false);
        if (existing is null)
            return new PostedComment(
                await client.CreateIssueCommentAsync(repository, pullRequest, body, cancellationToken).ConfigureAwait(false),
                CommentAction.Created);
        return new PostedComment(
            await client.UpdateIssueCommentAsync(repository, existing.Id, body, cancellationToken).ConfigureAwait(false),
            CommentAction.Updated);
    }

    // Line-wise, so pipeline "credit" does not match the marker of "credit-risk" (the marker ends at " -->").
    static bool HasMarker(string body, string marker) =>
        body.Split('\n').Any(line => line.TrimEnd('\r').Trim() == marker);
}

/// <summary>Whether the pipeline's comment was created or updated in place.</summary>
internal enum CommentAction { Created, Updated }

/// <summary>The pipeline's comment after posting, and what was done to it.</summary>
internal sealed record PostedComment(IssueComment Comment, CommentAction Action);
