using Trainyard.GitHub;

namespace Trainyard.Tests.GitHub;

/// <summary>
/// A GitHub client pointed at a <see cref="LocalGitHub"/>, with a fixed clock and a delay that records the
/// waits instead of sleeping, so retry tests are fast and can assert on the backoff.
/// </summary>
internal sealed class GitHubTestClient : IDisposable
{
    public const string Token = "ghs_test0000000000000000000000000000secret";
    readonly HttpClient _http = new();

    public GitHubTestClient(LocalGitHub server, int pageSize = 100, int maxAttempts = 4)
    {
        Connection = new GitHubConnection(server.ApiUrl, Token);
        var retry = new GitHubRetry(maxAttempts, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), Clock, (wait, _) =>
        {
            lock (Waits) Waits.Add(wait);
            return Task.CompletedTask;
        });
        Client = new GitHubClient(Connection, _http, retry, pageSize);
    }

    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    public FixedClock Clock { get; } = new(Now);
    public GitHubConnection Connection { get; }
    public GitHubClient Client { get; }
    public List<TimeSpan> Waits { get; } = [];
    public GitHubRepository Repository { get; } = new("octo", "repo");

    public void Dispose() => _http.Dispose();
}

/// <summary>A clock that stays where it is set, for rate-limit reset arithmetic.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
