using System.Text;
using System.Text.Json;
using Octokit;

namespace Trainyard.GitHub;

/// <summary>
/// Turns a failed GitHub call into a <see cref="TrainyardException"/> that says which request failed (method and
/// path), GitHub's own <c>message</c> and each <c>errors[]</c> entry (as Octokit read them), what to do about the
/// usual causes, and never the token.
/// </summary>
internal static class GitHubErrors
{
    public static TrainyardException Failed(string request, ApiException error, string token)
    {
        var status = (int)error.StatusCode;
        var text = new StringBuilder($"GitHub {request} failed: {status}");
        // Octokit keeps the whole body as the message when it is not GitHub's JSON error (a proxy's HTML page).
        if (error.ApiError?.Message is { Length: > 0 } message) text.Append(": ").Append(Shorten(message));
        foreach (var entry in error.ApiError?.Errors ?? [])
            text.Append("\n  - ").Append(Describe(entry));
        if (Hint(status) is { } hint) text.Append('\n').Append(hint);
        if (error.ApiError?.DocumentationUrl is { Length: > 0 } docs) text.Append("\n  see ").Append(docs);
        // No inner exception: Octokit's message is GitHub's body, which may echo the token.
        return new TrainyardException(Redact(text.ToString(), token));
    }

    public static TrainyardException GaveUp(string request, int attempts, RetryDecision last, string body, TimeSpan maxDelay, string token)
    {
        var reason = Message(body) is { Length: > 0 } message ? $"{last.Reason}: {message}" : last.Reason;
        var why = last.Wait > maxDelay
            ? $"GitHub {request} asks to wait {last.Wait.TotalSeconds:0} s, longer than Trainyard waits ({maxDelay.TotalSeconds:0} s) (attempt {attempts}: {reason})"
            : $"GitHub {request} still failing after {attempts} attempts (last: {reason})";
        return new TrainyardException(Redact(why + "; try again later or lower the request rate.", token));
    }

    public static TrainyardException Unreachable(string request, int attempts, Exception error, string token) =>
        new(Redact($"GitHub {request} could not be reached after {attempts} attempts: {error.Message}", token),
            innerException: error);

    public static TrainyardException TimedOut(string request) =>
        new($"GitHub {request} gave no answer within Octokit's 100 s, retries included; try again later.");

    /// <summary>What to do about the errors users most often meet in CI.</summary>
    static string? Hint(int status) => status switch
    {
        401 => "  The token was refused: check GITHUB_TOKEN is set for this job.",
        403 => "  The token lacks permission: the workflow needs `permissions: pull-requests: write, statuses: write`.",
        404 => "  Not found, or not visible to this token: check GITHUB_REPOSITORY and the token's access.",
        _ => null,
    };

    static string Describe(ApiErrorDetail entry)
    {
        var where = string.Join('.', new[] { entry.Resource, entry.Field }.Where(s => !string.IsNullOrEmpty(s)));
        return string.Join(' ', new[] { where, entry.Code, entry.Message }.Where(s => !string.IsNullOrEmpty(s)));
    }

    /// <summary>GitHub's <c>message</c> from a body the handler gave up on (Octokit never sees that response).</summary>
    static string? Message(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m)
                && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        }
        catch (JsonException) { return null; }
    }

    static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    // Belt and braces: messages never include headers, but a proxy could echo the token in a body.
    static string Redact(string message, string token) =>
        token.Length == 0 ? message : message.Replace(token, "***", StringComparison.Ordinal);
}
