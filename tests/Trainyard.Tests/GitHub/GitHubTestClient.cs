using Trainyard.GitHub;

namespace Trainyard.Tests.GitHub;

/// <summary>
/// A GitHub client pointed at a <see cref="LocalGitHub"/>, with a fixed clock whose timers record the waits and fire
/// at once instead of sleeping, so retry tests are fast and can assert on the backoff.
/// </summary>
internal sealed class GitHubTestClient : IDisposable
{
    public const string Token = "ghs_test0000000000000000000000000000secret";

    public GitHubTestClient(LocalGitHub server, int pageSize = 100, int maxAttempts = 4)
    {
        Connection = new GitHubConnection(server.ApiUrl, Token);
        var retry = new GitHubRetry(maxAttempts, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), Clock);
        Client = new GitHubApi(Connection, retry, pageSize);
    }

    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    public RecordingClock Clock { get; } = new(Now);
    public GitHubConnection Connection { get; }
    public GitHubApi Client { get; }
    public IReadOnlyList<TimeSpan> Waits => Clock.Waits;
    public GitHubRepository Repository { get; } = new("octo", "repo");

    public void Dispose() => Client.Dispose();
}

/// <summary>
/// A clock that stays where it is set, for rate-limit reset arithmetic, and whose timers (Polly's waits between
/// attempts) are recorded and fire straight away.
/// </summary>
internal sealed class RecordingClock(DateTimeOffset now) : TimeProvider
{
    readonly List<TimeSpan> _waits = [];

    public IReadOnlyList<TimeSpan> Waits { get { lock (_waits) return _waits.ToList(); } }

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_waits) _waits.Add(dueTime);
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new FiredTimer();
    }

    sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
