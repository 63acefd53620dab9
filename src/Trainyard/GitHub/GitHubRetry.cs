using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Trainyard.GitHub;

/// <summary>
/// When and how long to wait before retrying a GitHub request: server errors (5xx) and dropped connections back off
/// exponentially; secondary rate limits (403/429 with <c>Retry-After</c>, or <c>X-RateLimit-Remaining: 0</c> with
/// <c>X-RateLimit-Reset</c>) wait as long as GitHub asks, unless that is longer than <see cref="MaxDelay"/>. Attempts
/// are bounded. The rule is ours; Polly runs it (<see cref="Pipeline"/>), waiting through <see cref="Clock"/> so tests
/// do not sleep.
/// </summary>
internal sealed record GitHubRetry(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeProvider Clock)
{
    /// <summary>One attempt's bound: a server that accepts the connection and never answers is tried again.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    // Octokit ends every call after 100 s, waits included, so no single wait may take most of that.
    public static GitHubRetry Default() => new(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeProvider.System);

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

    /// <summary>
    /// The rule as a Polly pipeline: retries what <see cref="Decide"/> says, dropped connections and attempts that
    /// timed out, each attempt bounded by <see cref="AttemptTimeout"/>. It hands back the last response when retrying
    /// stops, so the caller can say why it gave up.
    /// </summary>
    public ResiliencePipeline<HttpResponseMessage> Pipeline()
    {
        // Polly's attempt numbers start at 0; ours (and the backoff) at 1.
        TimeSpan? Wait(Outcome<HttpResponseMessage> outcome, int attempt) => outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => Backoff(attempt + 1),
            { Result: { } response } => Decide(response, attempt + 1)?.Wait is { } wait && wait <= MaxDelay ? wait : null,
            _ => null,
        };
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = Clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(Wait(args.Outcome, args.AttemptNumber) is not null),
                DelayGenerator = args => ValueTask.FromResult(Wait(args.Outcome, args.AttemptNumber)),
                // The response being retried is not handed on: free its connection now.
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            // Inner, on the system clock: a test clock that skips the waits must not also skip the attempt's time.
            .AddPipeline(new ResiliencePipelineBuilder { TimeProvider = TimeProvider.System }.AddTimeout(AttemptTimeout).Build())
            .Build();
    }

    static TimeSpan NotNegative(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;

    static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>A retry to make after <paramref name="Wait"/>, and why (for the message if attempts run out).</summary>
internal sealed record RetryDecision(TimeSpan Wait, string Reason);
