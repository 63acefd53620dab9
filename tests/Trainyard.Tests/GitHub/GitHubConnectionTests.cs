using Trainyard.GitHub;

namespace Trainyard.Tests.GitHub;

public sealed class GitHubConnectionTests
{
    [Fact]
    public async Task GitHubEnterpriseIsReachedThroughGITHUBAPIURLKeepingItsPathPrefix()
    {
        await using var server = new LocalGitHub();
        server.Comments.Add("hello");
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_TOKEN"] = GitHubTestClient.Token,
            ["GITHUB_API_URL"] = server.ApiUrl.AbsoluteUri,
        };

        var connection = GitHubConnection.FromEnvironment(name => environment.GetValueOrDefault(name));
        using var client = new GitHubApi(connection!);
        var comments = await client.ListIssueCommentsAsync(GitHubRepository.Parse("octo/repo"), 7).ToListAsync();

        Assert.Equal("hello", Assert.Single(comments).Body);
        var request = Assert.Single(server.Received);
        Assert.Equal("/repos/octo/repo/issues/7/comments?per_page=100", request.Path);
        Assert.Equal($"Bearer {GitHubTestClient.Token}", request.Header("Authorization"));
    }

    [Fact]
    public void WithoutGITHUBAPIURLThePublicApiIsUsedAndWithoutATokenThereIsNoConnection()
    {
        var withToken = GitHubConnection.FromEnvironment(name => name == "GITHUB_TOKEN" ? "t0ken" : null);

        Assert.Equal(new Uri("https://api.github.com"), withToken!.ApiUrl);
        Assert.Null(GitHubConnection.FromEnvironment(_ => null));
        Assert.DoesNotContain("t0ken", withToken.ToString());
    }

    [Fact]
    public async Task ANextPageLinkToAnotherHostIsNotFollowedWithTheToken()
    {
        await using var server = new LocalGitHub();
        server.Script(new ScriptedResponse("GET", "/repos/octo/repo/issues/7/comments?per_page=100", 200,
            new Dictionary<string, string> { ["Link"] = "<https://elsewhere.example/comments?page=2>; rel=\"next\"" }, "[]"));
        using var github = new GitHubTestClient(server);

        var error = await Assert.ThrowsAsync<TrainyardException>(
            async () => await github.Client.ListIssueCommentsAsync(github.Repository, 7).ToListAsync());

        Assert.Contains("https://elsewhere.example", error.Message);
        Assert.Single(server.Received);
    }
}
