using Trainyard.GitHub;

namespace Trainyard.Tests.GitHub;

public sealed class GitHubErrorTests
{
    const string CommentsPath = "/repos/octo/repo/issues/7/comments";

    [Fact]
    public async Task AValidationFailureIsReportedWithGithubsMessageAndErrorsAndTheRequest()
    {
        await using var server = new LocalGitHub();
        var recorded = RecordedTraffic.Find("errors.json", "POST", "/repos/octokit-fixture-org/errors/labels");
        server.Script(ScriptedResponse.Replay(recorded, "POST", CommentsPath));
        using var github = new GitHubTestClient(server);

        var error = await Assert.ThrowsAsync<TrainyardException>(() => github.Client.CreateIssueCommentAsync(github.Repository, 7, "report"));

        Assert.Contains("GitHub POST /api/v3/repos/octo/repo/issues/7/comments failed: 422", error.Message);
        Assert.Contains("Validation Failed", error.Message);
        Assert.Contains("Label.color invalid", error.Message);
        Assert.Contains("https://docs.github.com/rest/reference/issues#create-a-label", error.Message);
        Assert.DoesNotContain(GitHubTestClient.Token, error.Message);
        Assert.Single(server.Requests("POST")); // a 422 is final: not retried
    }

    [Fact]
    public async Task AForbiddenResponseWithoutRateLimitHeadersIsNotRetriedAndSaysWhichPermission()
    {
        await using var server = new LocalGitHub();
        server.Script(new ScriptedResponse("POST", CommentsPath, 403, new Dictionary<string, string>(),
            """{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest"}"""));
        using var github = new GitHubTestClient(server);

        var error = await Assert.ThrowsAsync<TrainyardException>(() => github.Client.CreateIssueCommentAsync(github.Repository, 7, "report"));

        Assert.Contains("403", error.Message);
        Assert.Contains("Resource not accessible by integration", error.Message);
        Assert.Contains("pull-requests: write", error.Message);
        Assert.Single(server.Requests("POST"));
    }

    [Fact]
    public async Task TheTokenNeverAppearsInAnErrorMessageEvenWhenGithubEchoesIt()
    {
        await using var server = new LocalGitHub();
        server.Script(new ScriptedResponse("PATCH", "/repos/octo/repo/issues/comments/5", 401, new Dictionary<string, string>(),
            $$"""{"message":"Bad credentials: {{GitHubTestClient.Token}}","errors":["token {{GitHubTestClient.Token}} expired"]}"""));
        using var github = new GitHubTestClient(server);

        var error = await Assert.ThrowsAsync<TrainyardException>(() => github.Client.UpdateIssueCommentAsync(github.Repository, 5, "report"));

        Assert.Equal($"Bearer {GitHubTestClient.Token}", Assert.Single(server.Requests("PATCH")).Header("Authorization"));
        Assert.Contains("Bad credentials", error.Message);
        Assert.Contains("expired", error.Message);
        Assert.DoesNotContain(GitHubTestClient.Token, error.ToString());
        Assert.DoesNotContain(GitHubTestClient.Token, github.Connection.ToString());
    }
}
