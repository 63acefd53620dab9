using Trainyard.GitHub;

namespace Trainyard.Tests.GitHub;

public sealed class GitHubRetryTests
{
    const string CommentsPath = "/repos/octo/repo/issues/7/comments";

    [Fact]
    public async Task ASecondaryRateLimitIsWaitedOutAsRetryAfterSaysThenTheRequestSucceeds()
    {
        await using var server = new LocalGitHub();
        server.Script(ScriptedResponse.RateLimited("POST", CommentsPath, retryAfterSeconds: 30));
        using var github = new GitHubTestClient(server);

        var created = await github.Client.CreateIssueCommentAsync(github.Repository, 7, "report");

        Assert.Equal([TimeSpan.FromSeconds(30)], github.Waits);
        Assert.Equal(2, server.Requests("POST").Count);
        Assert.Equal(created.Id, Assert.Single(server.Comments.All)["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task ARateLimitThatNeverClearsFailsClearlyAfterTheBoundedAttempts()
    {
        await using var server = new LocalGitHub();
        server.Script(ScriptedResponse.RateLimited("POST", CommentsPath, retryAfterSeconds: 60), times: 10);
        using var github = new GitHubTestClient(server, maxAttempts: 3);

        var error = await Assert.ThrowsAsync<TrainyardException>(() => github.Client.CreateIssueCommentAsync(github.Repository, 7, "report"));

        Assert.Equal(3, server.Requests("POST").Count);
        Assert.Equal(2, github.Waits.Count);
        Assert.Contains("still failing after 3 attempts", error.Message);
        Assert.Contains("secondary rate limit", error.Message);
        Assert.DoesNotContain(GitHubTestClient.Token, error.Message);
        Assert.Empty(server.Comments.All);
    }

    [Fact]
    public async Task AnExhaustedRateLimitWaitsUntilTheResetTimeGithubGives()
    {
        await using var server = new LocalGitHub();
        var reset = GitHubTestClient.Now.AddSeconds(45).ToUnixTimeSeconds().ToString();
        server.Script(new ScriptedResponse("GET", CommentsPath + "?per_page=100", 403,
            new Dictionary<string, string> { ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset"] = reset },
            """{"message":"API rate limit exceeded"}"""));
        server.Comments.Add("hello");
        using var github = new GitHubTestClient(server);

        var comments = await github.Client.ListIssueCommentsAsync(github.Repository, 7).ToListAsync();

        Assert.Equal("hello", Assert.Single(comments).Body);
        Assert.Equal([TimeSpan.FromSeconds(46)], github.Waits);
        Assert.Equal(2, server.Requests("GET").Count);
    }

    [Fact]
    public async Task ServerErrorsAreRetriedWithExponentialBackoff()
    {
        await using var server = new LocalGitHub();
        server.Script(ScriptedResponse.ServerError("PATCH", "/repos/octo/repo/issues/comments/1000", 502));
        server.Script(ScriptedResponse.ServerError("PATCH", "/repos/octo/repo/issues/comments/1000", 503));
        var id = server.Comments.Add("old");
        using var github = new GitHubTestClient(server);

        var updated = await github.Client.UpdateIssueCommentAsync(github.Repository, id, "new");

        Assert.Equal("new", updated.Body);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], github.Waits);
        Assert.Equal(3, server.Requests("PATCH").Count);
        Assert.All(server.Requests("PATCH"), r => Assert.Equal("new", r.Json!["body"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AWaitLongerThanTrainyardWaitsIsNotWaitedAndTheMessageSaysSo()
    {
        await using var server = new LocalGitHub();
        server.Script(ScriptedResponse.RateLimited("POST", CommentsPath, retryAfterSeconds: 3600));
        using var github = new GitHubTestClient(server);

        var error = await Assert.ThrowsAsync<TrainyardException>(() => github.Client.CreateIssueCommentAsync(github.Repository, 7, "report"));

        Assert.Empty(github.Waits);
        Assert.Single(server.Requests("POST"));
        Assert.Contains("asks to wait 3600 s, longer than Trainyard waits", error.Message);
        Assert.Contains("secondary rate limit", error.Message);
    }

    [Fact]
    public async Task ARefusedConnectionIsRetriedWithBackoffThenReportedNamingTheRequest()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var nothingListens = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)probe.LocalEndpoint).Port}/api/v3");
        probe.Stop();
        var clock = new RecordingClock(GitHubTestClient.Now);
        using var client = new GitHubApi(new GitHubConnection(nothingListens, GitHubTestClient.Token),
            new GitHubRetry(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), clock), pageSize: 100);

        var error = await Assert.ThrowsAsync<TrainyardException>(
            () => client.UpdateIssueCommentAsync(new GitHubRepository("octo", "repo"), 5, "report"));

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], clock.Waits);
        Assert.Contains("GitHub PATCH /api/v3/repos/octo/repo/issues/comments/5 could not be reached after 3 attempts", error.Message);
    }

    [Fact]
    public async Task CancellationStopsTheRequest()
    {
        await using var server = new LocalGitHub();
        using var github = new GitHubTestClient(server);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => github.Client.CreateIssueCommentAsync(github.Repository, 7, "report", cancelled.Token));
        Assert.Empty(server.Received);
        Assert.Empty(server.Comments.All);
    }
}
