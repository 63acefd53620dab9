using System.Text;

namespace Trainyard.GitHub;

/// <summary>
/// Turns a failed GitHub response into a <see cref="TrainyardException"/> that says which request failed
/// (method and path), GitHub's own <c>message</c> and each <c>errors[]</c> entry, and never the token.
/// </summary>
internal static class GitHubErrors
{
    public static TrainyardException Failed(string request, HttpResponseMessage response, string body, string token)
    {
        var text = new StringBuilder($"GitHub {request} failed: {(int)response.StatusCode} {response.ReasonPhrase}");
        var error = GitHubJson.TryReadError(body);
        if (error?.Message is { Length: > 0 } message) text.Append(": ").Append(message);
        foreach (var entry in error?.Errors ?? [])
            text.Append("\n  - ").Append(entry);
        if (error is null && body.Length > 0) text.Append(": ").Append(Shorten(body));
        if (Hint(response) is { } hint) text.Append('\n').Append(hint);
        if (error?.DocumentationUrl is { Length: > 0 } docs) text.Append("\n  see ").Append(docs);
        return new TrainyardException(Redact(text.ToString(), token));
    }

    public static TrainyardException GaveUp(string request, int attempts, string lastReason, string token) =>
        new(Redact($"GitHub {request} still failing after {attempts} attempts (last: {lastReason}); " +
                   "try again later or lower the request rate.", token));

    public static TrainyardException Unreachable(string request, int attempts, Exception error, string token) =>
        new(Redact($"GitHub {request} could not be reached after {attempts} attempts: {error.Message}", token),
            innerException: error);

    /// <summary>What to do about the errors users most often meet in CI.</summary>
    static string? Hint(HttpResponseMessage response) => (int)response.StatusCode switch
    {
        401 => "  The token was refused: check GITHUB_TOKEN is set for this job.",
        403 => "  The token lacks permission: the workflow needs `permissions: pull-requests: write, statuses: write`.",
        404 => "  Not found, or not visible to this token: check GITHUB_REPOSITORY and the token's access.",
        _ => null,
    };

    static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";

    // Belt and braces: messages never include headers, but a proxy could echo the token in a body.
    static string Redact(string message, string token) =>
        token.Length == 0 ? message : message.Replace(token, "***", StringComparison.Ordinal);
}
