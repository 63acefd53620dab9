using System.Text.Json.Nodes;
using Octokit;
using Trainyard.GitHub;

namespace Trainyard.Tests.GitHub;

public sealed class CommitStatusTests : IDisposable
{
    const string HeadSha = "0000000000000000000000000000000000000001";
    const string MergeSha = "00000000000000000000000000000000000000ff";
    readonly string _folder = Directory.CreateTempSubdirectory("trainyard-github-").FullName;

    [Fact]
    public async Task TheStatusIsPostedToTheHeadCommitReadFromTheEventPayload()
    {
        var payload = WriteEvent(new JsonObject
        {
            ["action"] = "synchronize",
            ["number"] = 1,
            ["pull_request"] = new JsonObject
            {
                ["number"] = 1,
                ["head"] = new JsonObject { ["sha"] = HeadSha, ["ref"] = "feature" },
                ["merge_commit_sha"] = MergeSha,
            },
        });
        await using var server = new LocalGitHub("create-status.json");
        using var github = new GitHubTestClient(server);

        var pr = await PullRequestEvent.FromEnvironmentAsync(name => name == "GITHUB_EVENT_PATH" ? payload : null);
        var posted = await github.Client.CreateCommitStatusAsync(new GitHubRepository("octokit-fixture-org", "create-status"),
            pr!.HeadSha, new NewCommitStatus { State = CommitState.Failure, Context = "example/1", Description = "create-status failure test", TargetUrl = "https://example.com" });

        Assert.Equal(new PullRequestEvent(1, HeadSha), pr);
        var request = Assert.Single(server.Requests("POST"));
        Assert.Equal($"/repos/octokit-fixture-org/create-status/statuses/{HeadSha}", request.Path);
        // What the client sent is exactly what octokit sent in the recording.
        var recorded = RecordedTraffic.Find("create-status.json", "POST", request.Path);
        Assert.True(JsonNode.DeepEquals(recorded.RequestBody, request.Json), request.Body);
        Assert.Equal((1000L, CommitState.Failure, "example/1"), (posted.Id, posted.State.Value, posted.Context));
    }

    [Fact]
    public async Task AnEventThatIsNotAboutAPullRequestGivesNoPullRequest()
    {
        var payload = WriteEvent(new JsonObject { ["ref"] = "refs/heads/main", ["after"] = MergeSha });

        Assert.Null(await PullRequestEvent.ReadAsync(payload));
    }

    [Fact]
    public async Task APullRequestPayloadWithoutAHeadShaIsReported()
    {
        var payload = WriteEvent(new JsonObject { ["pull_request"] = new JsonObject { ["number"] = 3 } });

        var error = await Assert.ThrowsAsync<TrainyardException>(() => PullRequestEvent.ReadAsync(payload));
        Assert.Contains("head.sha", error.Message);
    }

    string WriteEvent(JsonObject payload)
    {
        var path = Path.Combine(_folder, "event.json");
        File.WriteAllText(path, payload.ToJsonString());
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
