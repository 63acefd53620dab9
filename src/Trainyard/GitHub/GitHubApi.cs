using System.Runtime.CompilerServices;
using Octokit;
using Octokit.Internal;

namespace Trainyard.GitHub;

/// <summary>
/// The GitHub REST calls Trainyard makes — issue comments (list across pages, create, update) and commit statuses —
/// through Octokit, which sends them (auth, JSON, the <c>Link</c> header's next page, errors as exceptions), to
/// api.github.com or GitHub Enterprise (<see cref="GitHubConnection.FromEnvironment"/> reads <c>GITHUB_API_URL</c>).
/// <para>
/// Why Polly: Octokit does not retry, and a pull-request comment posted from CI meets GitHub's 5xx and secondary rate
/// limits. Our retry rule (<see cref="GitHubRetry"/>: 5xx backoff, Retry-After / X-RateLimit-Reset) runs in a Polly
/// pipeline inside the HTTP handler Octokit's connection is given (<see cref="GitHubRetryHandler"/>), so every
/// Octokit request is covered without wrapping each call.
/// </para>
/// <para>
/// Why Octokit's <c>IConnection</c> rather than <c>Issue.Comment</c> and <c>Repository.Status</c>: those take no
/// <see cref="CancellationToken"/>, and their comment listing adds sort parameters GitHub defaults to anyway. The
/// connection is given the same endpoints (<see cref="ApiUrls"/>) and models. Its <c>Patch</c> takes no token
/// either: a cancelled update returns at once, and the request itself ends within Octokit's 100 s.
/// </para>
/// Failures become a <see cref="TrainyardException"/> naming the request (<see cref="GitHubErrors"/>).
/// </summary>
internal sealed class GitHubApi : IDisposable
{
    /// <summary>The media type GitHub documents; Octokit's default is the older <c>application/vnd.github.v3+json</c>.</summary>
    const string MediaType = "application/vnd.github+json";
    const string Json = "application/json";

    readonly HttpClientAdapter _http;
    readonly Connection _octokit;
    readonly GitHubConnection _connection;
    readonly int _pageSize;

    public GitHubApi(GitHubConnection connection) : this(connection, GitHubRetry.Default(), pageSize: 100) { }

    internal GitHubApi(GitHubConnection connection, GitHubRetry retry, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        _connection = connection;
        _pageSize = pageSize;
        _http = new HttpClientAdapter(() => new GitHubRetryHandler(connection, retry)
        {
            InnerHandler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) },
        });
        var product = new ProductHeaderValue("Trainyard", Trainyard.Targets.PackageVersions.VersionOf(typeof(GitHubApi).Assembly));
        var credentials = new InMemoryCredentialStore(new Credentials(connection.Token, AuthenticationType.Bearer));
        _octokit = new Connection(product, connection.BaseAddress, credentials, _http, new SimpleJsonSerializer());
    }

    /// <summary>All comments on an issue or pull request, page by page as GitHub's <c>Link</c> header leads.</summary>
    public async IAsyncEnumerable<IssueComment> ListIssueCommentsAsync(GitHubRepository repository, int number,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Uri? page = new($"{ApiUrls.IssueComments(repository.Owner, repository.Name, number)}?per_page={_pageSize}", UriKind.Relative);
        while (page is not null)
        {
            var url = page;
            var response = await CallAsync(HttpMethod.Get, url,
                () => _octokit.Get<List<IssueComment>>(url, null, MediaType, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var comment in response.Body) yield return comment;
            page = response.HttpResponse.ApiInfo.GetNextPageUrl();
        }
    }

    public async Task<IssueComment> CreateIssueCommentAsync(GitHubRepository repository, int number, string body,
        CancellationToken cancellationToken = default)
    {
        var url = ApiUrls.IssueComments(repository.Owner, repository.Name, number);
        var response = await CallAsync(HttpMethod.Post, url,
            () => _octokit.Post<IssueComment>(url, new BodyWrapper(body), MediaType, Json, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    public async Task<IssueComment> UpdateIssueCommentAsync(GitHubRepository repository, long commentId, string body,
        CancellationToken cancellationToken = default)
    {
        var url = ApiUrls.IssueComment(repository.Owner, repository.Name, commentId);
        var response = await CallAsync(HttpMethod.Patch, url,
            () => _octokit.Patch<IssueComment>(url, new BodyWrapper(body), MediaType), cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    /// <summary>The repository's open issues (pull requests included, as GitHub lists them), page by page as the <c>Link</c> header leads.</summary>
    public async IAsyncEnumerable<Issue> ListOpenIssuesAsync(GitHubRepository repository, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Open is GitHub's default state, so the query names only the page size.
        Uri? page = new($"{ApiUrls.Issues(repository.Owner, repository.Name)}?per_page={_pageSize}", UriKind.Relative);
        while (page is not null)
        {
            var url = page;
            var response = await CallAsync(HttpMethod.Get, url,
                () => _octokit.Get<List<Issue>>(url, null, MediaType, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var issue in response.Body) yield return issue;
            page = response.HttpResponse.ApiInfo.GetNextPageUrl();
        }
    }

    public async Task<Issue> CreateIssueAsync(GitHubRepository repository, string title, string body, CancellationToken cancellationToken = default)
    {
        var url = ApiUrls.Issues(repository.Owner, repository.Name);
        var response = await CallAsync(HttpMethod.Post, url,
            () => _octokit.Post<Issue>(url, new IssueText(title, body), MediaType, Json, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    /// <summary>Replaces an issue's title and body.</summary>
    public Task<Issue> UpdateIssueAsync(GitHubRepository repository, int number, string title, string body, CancellationToken cancellationToken = default) =>
        PatchIssueAsync(repository, number, new IssueText(title, body), cancellationToken);

    /// <summary>Closes an issue as completed.</summary>
    public Task<Issue> CloseIssueAsync(GitHubRepository repository, int number, CancellationToken cancellationToken = default) =>
        PatchIssueAsync(repository, number, new IssueClosing("closed", "completed"), cancellationToken);

    async Task<Issue> PatchIssueAsync(GitHubRepository repository, int number, object change, CancellationToken cancellationToken)
    {
        var url = ApiUrls.Issue(repository.Owner, repository.Name, number);
        var response = await CallAsync(HttpMethod.Patch, url, () => _octokit.Patch<Issue>(url, change, MediaType), cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    // Only the fields each call sets, so a PATCH never clears what it does not name.
    sealed record IssueText(string Title, string Body);

    sealed record IssueClosing(string State, string StateReason);

    /// <summary>Posts a status on a commit; on a pull request, pass the head SHA (the merge commit is not what reviewers see).</summary>
    public async Task<CommitStatus> CreateCommitStatusAsync(GitHubRepository repository, string sha, NewCommitStatus status,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(sha) || !sha.All(Uri.IsHexDigit))
            throw new TrainyardException($"'{sha}' is not a commit SHA.");
        var url = ApiUrls.CreateCommitStatus(repository.Owner, repository.Name, sha);
        var response = await CallAsync(HttpMethod.Post, url,
            () => _octokit.Post<CommitStatus>(url, status, MediaType, Json, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    async Task<T> CallAsync<T>(HttpMethod method, Uri url, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = $"{method} {(url.IsAbsoluteUri ? url : new Uri(_connection.BaseAddress, url)).PathAndQuery}";
        try
        {
            return await send().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            throw GitHubErrors.Failed(request, e, _connection.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw GitHubErrors.TimedOut(request);
        }
    }

    public void Dispose() => _http.Dispose();
}
