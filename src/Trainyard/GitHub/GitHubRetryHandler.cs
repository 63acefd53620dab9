using Polly;

namespace Trainyard.GitHub;

/// <summary>
/// The <see cref="DelegatingHandler"/> under Octokit's connection: every request Octokit sends goes through the retry
/// rule (<see cref="GitHubRetry"/>, run by Polly), carries the REST API version Trainyard is written against, and
/// reaches only the configured API host, so the token never goes where a <c>Link</c> header points elsewhere. When
/// retrying gives up on a response, it says so itself (Octokit would report only the last response); any other
/// response goes back to Octokit, which turns errors into its exceptions.
/// </summary>
internal sealed class GitHubRetryHandler(GitHubConnection connection, GitHubRetry retry) : DelegatingHandler
{
    readonly ResiliencePipeline<HttpResponseMessage> _pipeline = retry.Pipeline();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        if (!connection.IsSameOrigin(url))
            throw new TrainyardException($"GitHub returned a URL on another host ({url.GetLeftPart(UriPartial.Authority)}); not sending the token there.");
        // Octokit sends no API version; GitHub answers an unversioned request with its oldest one.
        request.Headers.Remove("X-GitHub-Api-Version");
        request.Headers.Add("X-GitHub-Api-Version", GitHubConnection.ApiVersion);

        var name = $"{request.Method} {url.PathAndQuery}";
        var attempts = 0;
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                return await base.SendAsync(request, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            throw GitHubErrors.Unreachable(name, attempts, e, connection.Token);
        }
        if (retry.Decide(response, attempts) is not { } decision) return response;
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw GitHubErrors.GaveUp(name, attempts, decision, body, retry.MaxDelay, connection.Token);
        }
    }
}
