using System.Text.Json.Nodes;
using Trainyard.Tests.GitHub;

namespace Trainyard.Tests.Components;

public sealed class Comment
{
    // The recorded status traffic is for this repository and head commit (octokit/fixtures' create-status scenario).
    const string Repository = "octokit-fixture-org/create-status";
    const string HeadSha = "0000000000000000000000000000000000000001";
    const string Token = "ghs_test_token_that_must_never_be_printed";

    [Fact]
    public async Task OutsideAPullRequestTheCommentIsWrittenAndTheBuildSaysItWasNotPosted()
    {
        using var repo = new SampleRepository();

        var result = await repo.RunAsync("Comment");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(repo.Root, "artifacts/credit-risk/report.html")));
        var comment = repo.Read("artifacts/credit-risk/comment.md");
        Assert.StartsWith("### ✅ credit-risk: All 4 gates passed", comment);
        Assert.Contains("| ✅ | `auc >= 0.80` | 0.8", comment);
        Assert.Contains("<details>", comment);
        Assert.Contains("Not posted: not running in GitHub Actions (GITHUB_EVENT_PATH is not set).", repo.Output);
    }

    [Fact]
    public async Task OutsideCiAnUnchangedCommentIsUpToDateAndANewReportUrlWritesItAgain()
    {
        using var repo = new SampleRepository();
        Assert.Equal(0, (await repo.RunAsync("Comment")).ExitCode);

        var again = await repo.RunAsync("Comment");
        Assert.Equal(Trainyard.Targets.TargetStatus.UpToDate, again.Targets.Single(t => t.Name == "Report").Status);
        Assert.Equal(Trainyard.Targets.TargetStatus.UpToDate, again.Targets.Single(t => t.Name == "Comment").Status);

        var linked = await repo.RunAsync("Comment", "--report-url", "https://example.com/runs/7/report");
        Assert.Equal(Trainyard.Targets.TargetStatus.Succeeded, linked.Targets.Single(t => t.Name == "Comment").Status);
        Assert.Contains("Running: parameter ReportUrl changed", repo.Output);
        Assert.Contains("(https://example.com/runs/7/report)", repo.Read("artifacts/credit-risk/comment.md"));
    }

    [Fact]
    public async Task AFailedGateStillWritesReportAndCommentNamingTheGateAndTheBuildExitsOne()
    {
        using var repo = new SampleRepository();
        repo.AddGate("credit-risk", "auc >= 0.99");

        var result = await repo.RunAsync("Comment");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(Trainyard.Targets.TargetStatus.Succeeded, result.Targets.Single(t => t.Name == "Comment").Status);
        Assert.Contains("1 of 5 gates failed: auc >= 0.99", System.Net.WebUtility.HtmlDecode(repo.Read("artifacts/credit-risk/report.html")));
        var comment = repo.Read("artifacts/credit-risk/comment.md");
        Assert.StartsWith("### ❌ credit-risk: 1 of 5 gates failed: `auc >= 0.99`", comment);
        Assert.Matches(@"- `auc >= 0.99`: auc 0\.8\d+ &lt; 0\.99", comment);
        Assert.Contains("| ❌ | `auc >= 0.99` |", comment);
    }

    [Fact]
    public async Task InAPullRequestTheCommentIsCreatedOnceThenUpdatedInPlaceWithAStatusOnTheHeadCommit()
    {
        await using var github = new LocalGitHub("create-status.json");
        using var repo = new SampleRepository();
        var summary = PullRequestEnvironment(repo, github);

        var first = await repo.RunAsync("Comment");
        var firstOutput = repo.Output;
        var second = await repo.RunAsync("Comment");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var posted = Assert.Single(github.Comments.All);
        var body = posted["body"]!.GetValue<string>();
        Assert.StartsWith("<!-- trainyard:pipeline=credit-risk -->\n### ✅ credit-risk", body);
        Assert.Equal(repo.Read("artifacts/credit-risk/comment.md"), body[(body.IndexOf('\n') + 1)..]);
        Assert.Contains("Created the comment on octokit-fixture-org/create-status#7", firstOutput);
        Assert.Contains($"Updated the comment on octokit-fixture-org/create-status#7: https://github.com/octo/repo/pull/1#issuecomment-{posted["id"]}", repo.Output);
        Assert.Single(github.Requests("PATCH"));
        Assert.Contains("Running: in GitHub Actions the comment also goes to the pull request", repo.Output);

        var statuses = github.Requests("POST").Where(r => r.Path.Contains("/statuses/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, statuses.Length);
        Assert.All(statuses, s => Assert.Equal($"/repos/{Repository}/statuses/{HeadSha}", s.Path));
        Assert.Equal("success", statuses[0].Json!["state"]!.GetValue<string>());
        Assert.Equal("trainyard/credit-risk", statuses[0].Json!["context"]!.GetValue<string>());
        Assert.Equal("https://github.com/octokit-fixture-org/create-status/actions/runs/4242", statuses[0].Json!["target_url"]!.GetValue<string>());
        Assert.All(github.Received, r => Assert.Equal($"Bearer {Token}", r.Header("Authorization")));

        Assert.Contains("### ✅ credit-risk: All 4 gates passed", File.ReadAllText(summary));
        Assert.DoesNotContain(Token, firstOutput + repo.Output);
    }

    [Fact]
    public async Task AFailedGateSetsAFailureStatusNamingTheGate()
    {
        await using var github = new LocalGitHub("create-status.json");
        using var repo = new SampleRepository();
        repo.AddGate("credit-risk", "auc >= 0.99");
        PullRequestEnvironment(repo, github);

        var result = await repo.RunAsync("Comment");

        Assert.Equal(1, result.ExitCode);
        var status = Assert.Single(github.Requests("POST"), r => r.Path.Contains("/statuses/", StringComparison.Ordinal));
        Assert.Equal("failure", status.Json!["state"]!.GetValue<string>());
        Assert.Equal("1 of 5 gates failed: auc >= 0.99", status.Json!["description"]!.GetValue<string>());
        Assert.StartsWith("<!-- trainyard:pipeline=credit-risk -->\n### ❌", Assert.Single(github.Comments.All)["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task InAPullRequestWithoutATokenTheCommentIsWrittenAndTheBuildDoesNotFail()
    {
        await using var github = new LocalGitHub();
        using var repo = new SampleRepository();
        PullRequestEnvironment(repo, github);
        repo.Environment.Remove("GITHUB_TOKEN");

        var result = await repo.RunAsync("Comment");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(repo.Root, "artifacts/credit-risk/comment.md")));
        Assert.Contains("Not posted: GITHUB_TOKEN is not set", repo.Output);
        Assert.Empty(github.Received);
    }

    [Fact]
    public async Task ATokenWithoutPermissionIsAWarningNotAFailure()
    {
        await using var github = new LocalGitHub();
        using var repo = new SampleRepository();
        PullRequestEnvironment(repo, github);
        github.Script(new ScriptedResponse("GET", "/repos/octokit-fixture-org/create-status/issues/7/comments?per_page=100", 403,
            new Dictionary<string, string>(), """{"message":"Resource not accessible by integration"}"""));

        var result = await repo.RunAsync("Comment");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Not posted: GitHub GET", repo.Output);
        Assert.Contains("403", repo.Output);
        Assert.Contains("Resource not accessible by integration", repo.Output);
        Assert.Contains("::warning::Trainyard could not post the credit-risk comment", repo.Output);
        Assert.DoesNotContain(Token, repo.Output);
    }

    /// <summary>What GitHub Actions sets for a pull_request workflow, pointed at the local GitHub; returns the job summary file.</summary>
    static string PullRequestEnvironment(SampleRepository repo, LocalGitHub github)
    {
        var payload = new JsonObject
        {
            ["action"] = "synchronize",
            ["pull_request"] = new JsonObject { ["number"] = 7, ["head"] = new JsonObject { ["sha"] = HeadSha } },
        };
        var eventPath = Path.Combine(repo.Root, "event.json");
        File.WriteAllText(eventPath, payload.ToJsonString());
        var summary = Path.Combine(repo.Root, "step-summary.md");
        repo.Environment["GITHUB_ACTIONS"] = "true";
        repo.Environment["GITHUB_EVENT_NAME"] = "pull_request";
        repo.Environment["GITHUB_EVENT_PATH"] = eventPath;
        repo.Environment["GITHUB_REPOSITORY"] = Repository;
        repo.Environment["GITHUB_API_URL"] = github.ApiUrl.ToString();
        repo.Environment["GITHUB_SERVER_URL"] = "https://github.com";
        repo.Environment["GITHUB_RUN_ID"] = "4242";
        repo.Environment["GITHUB_STEP_SUMMARY"] = summary;
        repo.Environment["GITHUB_TOKEN"] = Token;
        return summary;
    }
}
