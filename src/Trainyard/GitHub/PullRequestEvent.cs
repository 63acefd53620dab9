using System.Text.Json;

namespace Trainyard.GitHub;

/// <summary>
/// The pull request a GitHub Actions run is for, read from the event payload (<c>GITHUB_EVENT_PATH</c>):
/// its number and its head commit. <c>GITHUB_SHA</c> on a pull request is the merge commit, which no one
/// sees in the PR, so statuses go on <c>pull_request.head.sha</c>.
/// </summary>
public sealed record PullRequestEvent(int Number, string HeadSha)
{
    /// <summary>The pull request from <c>GITHUB_EVENT_PATH</c>; null outside Actions or for an event that is not about a PR.</summary>
    public static async Task<PullRequestEvent?> FromEnvironmentAsync(Func<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var path = (environment ?? Environment.GetEnvironmentVariable)("GITHUB_EVENT_PATH");
        return string.IsNullOrWhiteSpace(path) ? null : await ReadAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an event payload file; null when it has no <c>pull_request</c> (a push or a schedule).</summary>
    public static async Task<PullRequestEvent?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new TrainyardException($"GitHub event payload '{path}' (GITHUB_EVENT_PATH) does not exist.");
        await using var stream = File.OpenRead(path);
        JsonDocument doc;
        try { doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false); }
        catch (JsonException e)
        {
            throw new TrainyardException($"GitHub event payload '{path}' is not JSON: {e.Message}", innerException: e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("pull_request", out var pr) || pr.ValueKind != JsonValueKind.Object)
                return null;
            if (!pr.TryGetProperty("number", out var number) || !number.TryGetInt32(out var n))
                throw new TrainyardException($"GitHub event payload '{path}' has a pull_request without a number.");
            if (!pr.TryGetProperty("head", out var head) || !head.TryGetProperty("sha", out var sha)
                || sha.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(sha.GetString()))
                throw new TrainyardException($"GitHub event payload '{path}' has a pull_request without head.sha.");
            return new PullRequestEvent(n, sha.GetString()!);
        }
    }
}
