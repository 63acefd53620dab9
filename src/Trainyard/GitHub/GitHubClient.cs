namespace Trainyard.GitHub;

/// <summary>
/// The GitHub REST operations Trainyard uses: issue comments (list across pages, create, update) and commit
/// statuses. Over HttpClient and System.Text.Json; retries 5xx and secondary rate limits; 4xx errors become a
/// <see cref="TrainyardException"/> carrying GitHub's message and errors.
/// </summary>
public sealed class GitHubClient
{
    readonly GitHubTransport _transport;
    readonly int _pageSize;

    /// <param name="http">Shared by the caller, who disposes it; the client sets its headers per request.</param>
    public GitHubClient(GitHubConnection connection, HttpClient http)
        : this(connection, http, GitHubRetry.Default(), pageSize: 100) { }

    internal GitHubClient(GitHubConnection connection, HttpClient http, GitHubRetry retry, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        _transport = new GitHubTransport(http, connection, retry);
        _pageSize = pageSize;
    }

    /// <summary>All comments on an issue or pull request, page by page as GitHub's <c>Link</c> header leads.</summary>
    public async IAsyncEnumerable<IssueComment> ListIssueCommentsAsync(GitHubRepository repository, int number,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Uri? url = Resolve($"{repository.Path}/issues/{number}/comments?per_page={_pageSize}");
        while (url is not null)
        {
            var response = await _transport.SendAsync(HttpMethod.Get, url, null, cancellationToken).ConfigureAwait(false);
            foreach (var comment in GitHubJson.Deserialize<IssueComment[]>(response.Body, $"GET {url.PathAndQuery}"))
                yield return comment;
            url = response.Next;
        }
    }

    public Task<IssueComment> CreateIssueCommentAsync(GitHubRepository repository, int number, string body,
        CancellationToken cancellationToken = default) =>
        SendAsync<IssueComment>(HttpMethod.Post, $"{repository.Path}/issues/{number}/comments", new CommentBody(body), cancellationToken);

    public Task<IssueComment> UpdateIssueCommentAsync(GitHubRepository repository, long commentId, string body,
        CancellationToken cancellationToken = default) =>
        SendAsync<IssueComment>(HttpMethod.Patch, $"{repository.Path}/issues/comments/{commentId}", new CommentBody(body), cancellationToken);

    /// <summary>Posts a status on a commit; on a pull request, pass the head SHA (the merge commit is not what reviewers see).</summary>
    public Task<PostedStatus> CreateCommitStatusAsync(GitHubRepository repository, string sha, CommitStatus status,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(sha) || !sha.All(Uri.IsHexDigit))
            throw new TrainyardException($"'{sha}' is not a commit SHA.");
        // GitHub rejects descriptions over 140 characters with a 422; a cut description is better than no status.
        var description = status.Description is { Length: > 140 } d ? d[..139] + "…" : status.Description;
        var body = new StatusBody(status.State, status.Context, description, status.TargetUrl);
        return SendAsync<PostedStatus>(HttpMethod.Post, $"{repository.Path}/statuses/{sha}", body, cancellationToken);
    }

    async Task<T> SendAsync<T>(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        var url = Resolve(path);
        var response = await _transport.SendAsync(method, url, GitHubJson.Serialize(body), cancellationToken).ConfigureAwait(false);
        return GitHubJson.Deserialize<T>(response.Body, $"{method} {url.PathAndQuery}");
    }

    Uri Resolve(string path) => _transport.Connection.Resolve(path);
}
