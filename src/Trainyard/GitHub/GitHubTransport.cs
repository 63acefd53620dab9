using System.Net.Http.Headers;
using System.Text;

namespace Trainyard.GitHub;

/// <summary>
/// Sends one GitHub API request with the headers GitHub asks for, retrying as <see cref="GitHubRetry"/> decides,
/// and returns the body and the next page's URL, or throws a <see cref="TrainyardException"/> that names the request.
/// </summary>
internal sealed class GitHubTransport(HttpClient http, GitHubConnection connection, GitHubRetry retry)
{
    static readonly ProductInfoHeaderValue UserAgent =
        new("Trainyard", Trainyard.Targets.PackageVersions.VersionOf(typeof(GitHubTransport).Assembly));

    public GitHubConnection Connection => connection;

    public async Task<GitHubResponse> SendAsync(HttpMethod method, Uri url, string? json, CancellationToken cancellationToken)
    {
        // The token goes only to the configured API host, even if a Link header points elsewhere.
        if (!connection.IsSameOrigin(url))
            throw new TrainyardException($"GitHub returned a URL on another host ({url.GetLeftPart(UriPartial.Authority)}); not sending the token there.");
        var request = $"{method} {url.PathAndQuery}";
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            RetryDecision? decision;
            try
            {
                response = await http.SendAsync(Build(method, url, json), cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                if (attempt >= retry.MaxAttempts) throw GitHubErrors.Unreachable(request, attempt, e, connection.Token);
                await retry.Delay(retry.Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return GitHubResponse.From(response, body);
                decision = retry.Decide(response, attempt);
                if (decision is null) throw GitHubErrors.Failed(request, response, body, connection.Token);
                if (attempt >= retry.MaxAttempts || decision.Wait > retry.MaxDelay)
                    throw GitHubErrors.GaveUp(request, attempt, Describe(decision, body), connection.Token);
            }
            await retry.Delay(decision.Wait, cancellationToken).ConfigureAwait(false);
        }
    }

    HttpRequestMessage Build(HttpMethod method, Uri url, string? json)
    {
        var message = new HttpRequestMessage(method, url);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.Token);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        message.Headers.Add("X-GitHub-Api-Version", GitHubConnection.ApiVersion);
        message.Headers.UserAgent.Add(UserAgent);
        if (json is not null) message.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return message;
    }

    static string Describe(RetryDecision decision, string body) =>
        GitHubJson.TryReadError(body)?.Message is { Length: > 0 } message ? $"{decision.Reason}: {message}" : decision.Reason;
}
