using System.Text.Json.Nodes;
using Trainyard.Artifacts.Monitoring;
using Trainyard.GitHub;
using Trainyard.Reporting;

namespace Trainyard.Tests.GitHub;

/// <summary>Monitor's one issue per model (<c>--open-issue</c>): opened, found by its marker and updated, closed when healthy again.</summary>
public sealed class MonitorIssueTests
{
    const string Marker = "<!-- trainyard:monitor=credit-risk -->";
    const string RunUrl = "https://github.com/octo/repo/actions/runs/42";
    static readonly GitHubRepository Recorded = new("octokit-fixture-org", "paginate-issues");

    [Fact]
    public async Task ADegradedModelOpensOneIssueUpdatesItAndClosesItWhenHealthyAgain()
    {
        await using var server = new LocalGitHub();
        server.Issues.Add("Docs typo", "Please fix the README.");
        using var github = new GitHubTestClient(server);
        var issue = new MonitorIssue(github.Client, github.Repository);

        var opened = await SyncAsync(issue, Degraded());
        Assert.Equal((IssueAction.Opened, 2), (opened.Action, opened.Issue!.Number));
        var post = Assert.Single(server.Requests("POST"));
        Assert.Equal("/repos/octo/repo/issues", post.Path);
        Assert.Equal("credit-risk: 1 monitor gate(s) failed; drift in Amount (Trainyard Monitor)", post.Json!["title"]!.GetValue<string>());
        var body = post.Json["body"]!.GetValue<string>();
        Assert.StartsWith($"{Marker}\n## credit-risk: degraded, retrain asked\n", body);
        Assert.Contains("| v1 | `psi.Amount <= 0.2` | 1.9 | 0.2 | psi.Amount 1.9 &gt; 0.2 (over by 1.7) |", body);
        Assert.Contains("| v1 | Amount | wasserstein | 2.33 | 0.1 | 1.9 | 1,800 |", body);
        Assert.DoesNotContain("| v1 | Age |", body);
        Assert.Contains("| v1 | 0.004 | 0.03 | 1,800 |", body);
        Assert.Contains("**Retrain:** drift(Amount)", body);
        Assert.Contains($"[The monitor run]({RunUrl})", body);

        var still = await SyncAsync(issue, Degraded(psi: 2.4));
        Assert.Equal((IssueAction.Updated, 2), (still.Action, still.Issue!.Number));
        Assert.Single(server.Requests("POST"));
        var patch = Assert.Single(server.Requests("PATCH"));
        Assert.Equal("/repos/octo/repo/issues/2", patch.Path);
        Assert.Equal(["title", "body"], patch.Json!.AsObject().Select(p => p.Key));
        Assert.Contains("| v1 | Amount | wasserstein | 2.33 | 0.1 | 2.4 | 1,800 |", server.Issues.All[1]["body"]!.GetValue<string>());

        var closed = await SyncAsync(issue, Healthy());
        Assert.Equal((IssueAction.Closed, 2), (closed.Action, closed.Issue!.Number));
        var comment = server.Requests("POST").Last();
        Assert.Equal("/repos/octo/repo/issues/2/comments", comment.Path);
        Assert.StartsWith("Healthy again: all monitor gates passed, no input drift", comment.Json!["body"]!.GetValue<string>());
        var close = server.Requests("PATCH").Last();
        Assert.Equal("""{"state":"closed","state_reason":"completed"}""", close.Json!.ToJsonString());
        Assert.Equal(["open", "closed"], server.Issues.All.Select(i => i["state"]!.GetValue<string>()));

        var quiet = await SyncAsync(issue, Healthy());
        Assert.Equal(IssueAction.None, quiet.Action);
        Assert.Equal(2, server.Requests("POST").Count); // the issue and the "healthy again" comment
        Assert.Equal(2, server.Requests("PATCH").Count);
    }

    [Fact]
    public async Task TheMarkerIsFoundOnPageThreeOfTheRecordedListingAndThatIssueIsUpdated()
    {
        await using var server = new LocalGitHub("paginate-issues.json");
        var page3 = RecordedTraffic.Find("paginate-issues.json", "GET", "/repositories/1000/issues?per_page=3&page=3");
        var ours = page3.Response!.AsArray()[1]!.AsObject();
        Assert.Equal(6, ours["number"]!.GetValue<int>());
        ours["body"] = $"{Marker}\nlast week's drift";
        server.Script(ScriptedResponse.Replay(page3, "GET", "/repositories/1000/issues?per_page=3&page=3"));
        server.Script(new ScriptedResponse("PATCH", "/repos/octokit-fixture-org/paginate-issues/issues/6", 200, new Dictionary<string, string>(), ours.ToJsonString()));
        using var github = new GitHubTestClient(server, pageSize: 3);

        var outcome = await SyncAsync(new MonitorIssue(github.Client, Recorded), Degraded());

        Assert.Equal((IssueAction.Updated, 6), (outcome.Action, outcome.Issue!.Number));
        Assert.Equal(["/repos/octokit-fixture-org/paginate-issues/issues?per_page=3", "/repositories/1000/issues?per_page=3&page=2", "/repositories/1000/issues?per_page=3&page=3"],
            server.Requests("GET").Select(r => r.Path));
        Assert.Empty(server.Requests("POST"));
        var patch = Assert.Single(server.Requests("PATCH"));
        Assert.StartsWith($"{Marker}\n## credit-risk: degraded", patch.Json!["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutOurMarkerInAnyRecordedPageTheIssueIsCreated()
    {
        await using var server = new LocalGitHub("paginate-issues.json");
        var created = RecordedTraffic.Find("add-labels-to-issue.json", "POST", "/repos/octokit-fixture-org/add-labels-to-issue/issues");
        server.Script(ScriptedResponse.Replay(created, "POST", "/repos/octokit-fixture-org/paginate-issues/issues"));
        using var github = new GitHubTestClient(server, pageSize: 3);

        // Another model's marker is not ours: "credit" must not match "credit-risk".
        var outcome = await SyncAsync(new MonitorIssue(github.Client, Recorded), Degraded(), model: "credit");

        Assert.Equal((IssueAction.Opened, 1), (outcome.Action, outcome.Issue!.Number));
        Assert.Equal(5, server.Requests("GET").Count);
        var post = Assert.Single(server.Requests("POST"));
        Assert.StartsWith("<!-- trainyard:monitor=credit -->\n", post.Json!["body"]!.GetValue<string>());
    }

    [Fact]
    public void TooLittleTrafficNeedsAttentionOnlyWhereItFails()
    {
        var quiet = Healthy() with { Verdict = "no_data" };
        Assert.True(MonitorIssueText.NeedsAttention(quiet, noDataFails: true));
        Assert.False(MonitorIssueText.NeedsAttention(quiet, noDataFails: false));
        Assert.True(MonitorIssueText.NeedsAttention(Healthy() with { Retrain = true, RetrainReasons = ["drift(Age)"] }, noDataFails: false));
        Assert.False(MonitorIssueText.NeedsAttention(Healthy(), noDataFails: true));
    }

    static Task<IssueOutcome> SyncAsync(MonitorIssue issue, MonitorReport report, string model = "credit-risk") =>
        issue.SyncAsync(model, MonitorIssueText.NeedsAttention(report, noDataFails: true), MonitorIssueText.Title(report),
            MonitorIssueText.Body(report, RunUrl), MonitorIssueText.HealthyAgain(report, RunUrl));

    static readonly DateTimeOffset From = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    static MonitorReport Degraded(double psi = 1.9)
    {
        var gate = new MonitorGateOutcome("psi.Amount <= 0.2", "v1", "psi.Amount", psi, null, 0.2, "failed", $"psi.Amount {psi} > 0.2 (over by {psi - 0.2:0.#})");
        return Report("degraded", [Drift("Amount", "drifted", psi), Drift("Age", "not_drifted", 0.01)], [gate], "1 monitor gate(s) failed: v1 psi.Amount") with
        {
            Retrain = true, RetrainReasons = ["drift(Amount)"], DriftedColumns = ["Amount"],
        };
    }

    static MonitorReport Healthy() => Report("healthy", [Drift("Amount", "not_drifted", 0.02), Drift("Age", "not_drifted", 0.01)], [], "all monitor gates passed, no input drift");

    static FeatureDrift Drift(string column, string verdict, double psi) =>
        new(column, verdict, "wasserstein", verdict == "drifted" ? 2.33 : 0.02, 0.1, psi, 0.5, 2.33, 3563, 1800, "Wasserstein distance (normed)");

    static MonitorReport Report(string verdict, IReadOnlyList<FeatureDrift> drift, IReadOnlyList<MonitorGateOutcome> gates, string summary)
    {
        var service = new ServiceFigures(36, 1800, 0.0017, 0.7, 3.5, 6.2, []);
        var version = new VersionFigures("v1", "sha256:abc", "credit-risk:v1", service, drift,
            new PredictionDrift(0.004, 0.03, 1800, [], [], []), new Dictionary<string, double?>(), new Dictionary<string, double?>());
        return new MonitorReport("credit-risk", "v1", From, From.AddHours(24), 1800, 0, verdict, false, [], [], [version], gates)
        {
            Requests = 36, Summary = summary,
        };
    }
}
