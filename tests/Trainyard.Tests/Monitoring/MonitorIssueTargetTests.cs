using Trainyard.Registry;
using Trainyard.Tests.Components;
using Trainyard.Tests.GitHub;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Monitoring;

/// <summary>Monitor --open-issue run by the build, against the local GitHub: what drifted goes into the model's issue.</summary>
[Collection(ServingCollection.Name)]
public sealed class MonitorIssueTargetTests(PackagedSample sample) : IAsyncLifetime
{
    readonly SampleRepository _repository = new();

    public async Task InitializeAsync()
    {
        var packaged = await _repository.RunAsync(new MonitorBuild(), "Package");
        Assert.True(packaged.ExitCode == 0, _repository.Output);
        var registry = new ModelRegistry(RegistryStore.Open(RegistryStore.DefaultLocation, _repository.Root, new RegistryCredentials(null, null, null)), "credit-risk");
        await registry.MoveAliasAsync(AliasName.Production, "v1", "monitor tests", "tests", CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _repository.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DriftOpensTheModelsIssueWithTheNumbersAndALinkToTheRun()
    {
        var folder = await LoggedTraffic.LogAsync(sample, LoggedTraffic.Shifted(sample.TestRows, ("Amount", x => x * 3)));
        await using var github = new LocalGitHub();
        github.Issues.Serve();
        _repository.Environment["GITHUB_TOKEN"] = GitHubTestClient.Token;
        _repository.Environment["GITHUB_API_URL"] = github.ApiUrl.AbsoluteUri;
        _repository.Environment["GITHUB_REPOSITORY"] = "octo/repo";
        _repository.Environment["GITHUB_SERVER_URL"] = "https://github.com";
        _repository.Environment["GITHUB_RUN_ID"] = "42";

        var result = await _repository.RunAsync(new MonitorBuild(), "Monitor", "--log", folder, "--open-issue");

        Assert.True(result.ExitCode == 0, _repository.Output); // drift asks for a retrain; no gate failed
        Assert.Contains("Opened issue #1 in octo/repo", _repository.Output);
        var post = Assert.Single(github.Requests("POST"));
        Assert.Equal("credit-risk: drift in Amount (Trainyard Monitor)", post.Json!["title"]!.GetValue<string>());
        var body = post.Json["body"]!.GetValue<string>();
        Assert.Contains("| v1 | Amount | wasserstein |", body);
        Assert.Contains("(https://github.com/octo/repo/actions/runs/42)", body);
        Assert.Equal($"Bearer {GitHubTestClient.Token}", post.Header("Authorization"));
    }

    [Fact]
    public async Task WithoutATokenOpenIssueSaysWhatToSetBeforeReadingTheLog()
    {
        _repository.Environment["GITHUB_REPOSITORY"] = "octo/repo";

        var result = await _repository.RunAsync(new MonitorBuild(), "Monitor", "--log", "no/such/folder", "--open-issue");

        Assert.Equal(2, result.ExitCode); // a command-line mistake
        Assert.Contains("--open-issue needs a GitHub token: --github-token or GITHUB_TOKEN", _repository.Output);
        Assert.DoesNotContain("no such folder", _repository.Output);
    }
}
