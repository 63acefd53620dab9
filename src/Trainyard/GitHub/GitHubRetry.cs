using System.Globalization;
using System.Net;

namespace Trainyard.GitHub;

/// <summary>
/// When and how long to wait before retrying a GitHub request: server errors (5xx) back off exponentially;
/// secondary rate limits (403/429 with <c>Retry-After</c>, or <c>X-RateLimit-Remaining: 0</c> with
/// <c>X-RateLimit-Reset</c>) wait as long as GitHub asks. Attempts are bounded; waiting goes through
/// <see cref="Delay"/> and <see cref="Clock"/> so tests do not sleep.
/// </summary>
internal sealed record GitHubRetry(
    int MaxAttempts,
    TimeSpan BaseDelay,
    TimeSpan MaxDelay,
    TimeProvider Clock,
    Func<TimeSpan, CancellationToken, Task> Delay)
{
    public static GitHubRetry Default(TimeProvider? clock = null)
    {
        var time = clock ?? TimeProvider.System;
        return new GitHubRetry(4, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), time, (d, ct) => Task.Delay(d, time, ct));
    }

    /// <summary>The wait before the next attempt, or null when the response is final (success, or an error retrying cannot fix).</summary>
    public RetryDecision? Decide(HttpResponseMessage response, int attempt)
    {
        var status = (int)response.StatusCode;
        if (status >= 500) return new RetryDecision(Backoff(attempt), $"{status} {response.ReasonPhrase}");
        if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests)) return null;

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date - Clock.GetUtcNow()) ?? TimeSpan.Zero;
            return new RetryDecision(NotNegative(wait), $"{status} rate limited, Retry-After {wait.TotalSeconds:0} s");
        }
        if (Header(response, "X-RateLimit-Remaining") == "0"
            && long.TryParse(Header(response, "X-RateLimit-Reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var until = DateTimeOffset.FromUnixTimeSeconds(reset);
            // One second past the reset, since GitHub's reset second is itself still limited.
            var wait = NotNegative(until - Clock.GetUtcNow()) + TimeSpan.FromSeconds(1);
            return new RetryDecision(wait, $"{status} rate limit exhausted until {until:u}");
        }
        // A 403 without rate-limit headers is a permission problem: retrying cannot help.
        return null;
    }

    /// <summary>Exponential backoff for server errors and dropped connections: base, 2×base, 4×base … up to the cap.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Max(0, attempt - 1));
        return TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * factor));
    }

    static TimeSpan NotNegative(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;

    static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>A retry to make after <paramref name="Wait"/>, and why (for the message if attempts run out).</summary>
internal sealed record RetryDecision(TimeSpan Wait, string Reason);
