using Trainyard.GitHub;

namespace Trainyard.Tests.GitHub;

public sealed class PipelineCommentTests
{
    const string Marker = "<!-- trainyard:pipeline=credit-risk -->";

    [Fact]
    public async Task FirstRunCreatesTheCommentAndTheSecondRunUpdatesTheSameComment()
    {
        await using var server = new LocalGitHub();
        using var github = new GitHubTestClient(server);
        var comment = new PipelineComment(github.Client, github.Repository, 7);

        var first = await comment.PostAsync("credit-risk", "AUC 0.81 ✅");
        var second = await comment.PostAsync("credit-risk", "AUC 0.83 ✅");

        Assert.Equal(CommentAction.Created, first.Action);
        Assert.Equal(CommentAction.Updated, second.Action);
        Assert.Equal(first.Comment.Id, second.Comment.Id);
        var stored = Assert.Single(server.Comments.All);
        Assert.Equal($"{Marker}\nAUC 0.83 ✅", stored["body"]!.GetValue<string>());

        var post = Assert.Single(server.Requests("POST"));
        Assert.Equal("/repos/octo/repo/issues/7/comments", post.Path);
        Assert.Equal($"{Marker}\nAUC 0.81 ✅", post.Json!["body"]!.GetValue<string>());
        var patch = Assert.Single(server.Requests("PATCH"));
        Assert.Equal($"/repos/octo/repo/issues/comments/{first.Comment.Id}", patch.Path);
        Assert.Equal(2, server.Requests("GET").Count);
    }

    [Fact]
    public async Task EveryRequestCarriesTheTokenTheMediaTypeTheApiVersionAndAUserAgent()
    {
        await using var server = new LocalGitHub();
        using var github = new GitHubTestClient(server);

        await new PipelineComment(github.Client, github.Repository, 7).PostAsync("credit-risk", "report");

        Assert.NotEmpty(server.Received);
        Assert.All(server.Received, request =>
        {
            Assert.Equal($"Bearer {GitHubTestClient.Token}", request.Header("Authorization"));
            Assert.Equal("application/vnd.github+json", request.Header("Accept"));
            Assert.Equal(GitHubConnection.ApiVersion, request.Header("X-GitHub-Api-Version"));
            Assert.StartsWith("Trainyard/", request.Header("User-Agent"));
        });
    }

    [Fact]
    public async Task TheMarkerOnPageTwoIsFoundByFollowingTheLinkHeader()
    {
        await using var server = new LocalGitHub();
        server.Comments.Add("LGTM");
        server.Comments.Add("<!-- trainyard:pipeline=credit -->\nanother pipeline's comment");
        server.Comments.Add("Please look at the drift.");
        var ours = server.Comments.Add($"{Marker}\nold report");
        using var github = new GitHubTestClient(server, pageSize: 2);

        var posted = await new PipelineComment(github.Client, github.Repository, 7).PostAsync("credit-risk", "new report");

        Assert.Equal(CommentAction.Updated, posted.Action);
        Assert.Equal(ours, posted.Comment.Id);
        Assert.Equal(["/repos/octo/repo/issues/7/comments?per_page=2", "/repos/octo/repo/issues/7/comments?per_page=2&page=2"],
            server.Requests("GET").Select(r => r.Path));
        Assert.Empty(server.Requests("POST"));
        Assert.Equal($"/repos/octo/repo/issues/comments/{ours}", Assert.Single(server.Requests("PATCH")).Path);
    }

    [Fact]
    public async Task AnotherPipelinesMarkerIsNotOursSoANewCommentIsCreated()
    {
        await using var server = new LocalGitHub();
        server.Comments.Add($"{Marker}\ncredit-risk's report");
        using var github = new GitHubTestClient(server, pageSize: 2);

        var posted = await new PipelineComment(github.Client, github.Repository, 7).PostAsync("credit", "credit's report");

        Assert.Equal(CommentAction.Created, posted.Action);
        Assert.Equal(2, server.Comments.All.Count);
        Assert.StartsWith("<!-- trainyard:pipeline=credit -->\n", Assert.Single(server.Requests("POST")).Json!["body"]!.GetValue<string>());
    }
}
