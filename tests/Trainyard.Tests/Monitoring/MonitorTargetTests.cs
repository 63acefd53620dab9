using Trainyard.Artifacts.Monitoring;
using Trainyard.Components;
using Trainyard.Registry;
using Trainyard.Targets;
using Trainyard.Tests.Components;
using Trainyard.Tests.GitHub;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Monitoring;

internal sealed class MonitorBuild : TrainyardBuild, IPackage, IMonitor;

/// <summary>The Monitor target run by the build: monitor.json and monitor.html, GITHUB_OUTPUT, the exit code a scheduled job goes red by, and --open-issue against the local GitHub.</summary>
[Collection(ServingCollection.Name)]
public sealed class MonitorTargetTests(PackagedSample sample) : IAsyncLifetime
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
    public async Task AHealthyWindowWritesTheReportAndTheStepOutputs()
    {
        var folder = await LoggedTraffic.LogAsync(sample, sample.TestRows);
        var outputs = Path.Combine(sample.NewFolder(), "github_output");
        _repository.Environment["GITHUB_OUTPUT"] = outputs;

        var result = await _repository.RunAsync(new MonitorBuild(), "Monitor", "--log", folder, "--since", "1h");

        Assert.True(result.ExitCode == 0, _repository.Output);
        var report = await MonitorReport.ReadAsync(Path.Combine(_repository.Root, "artifacts/credit-risk/monitor.json"));
        Assert.Equal("healthy", report.Verdict);
        Assert.Equal("v1", report.ProductionVersion);
        Assert.Equal(sample.TestRows.Count, report.Predictions);
        Assert.Equal(2, report.Versions.Single().Service.Callers.Count); // web and billing
        Assert.Equal("verdict=healthy\nretrain=false\n", await File.ReadAllTextAsync(outputs));
        Assert.Contains("healthy: all monitor gates passed", _repository.Output);
        // The target estimates quality from the calibration Package stored: traffic like the test split, an estimate near the evaluated AUC.
        var v1 = report.Versions.Single();
        Assert.Equal(v1.Evaluated["auc"]!.Value, v1.Estimated["auc"]!.Value, 0.03);
        Assert.Matches(@"auc estimated / evaluated\s*│\s*0\.8\d+ / 0\.8\d+", _repository.Output);
        var page = await File.ReadAllTextAsync(Path.Combine(_repository.Root, "artifacts/credit-risk/monitor.html"));
        Assert.Contains("<h1>Healthy</h1>", page);
    }

    [Fact]
    public async Task AFailedGateFailsTheTargetAfterWritingTheReport()
    {
        var folder = await LoggedTraffic.LogAsync(sample, LoggedTraffic.Shifted(sample.TestRows, ("Amount", x => x * 3)));
        _repository.Write("pipelines/credit-risk.yml", _repository.Read("pipelines/credit-risk.yml") + "\nmonitor:\n  gates: [psi.Amount <= 0.2, p99_latency_ms <= 60000]\n");
        var outputs = Path.Combine(sample.NewFolder(), "github_output");
        _repository.Environment["GITHUB_OUTPUT"] = outputs;

        var result = await _repository.RunAsync(new MonitorBuild(), "Monitor", "--log", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 monitor gate(s) failed: v1 psi.Amount", _repository.Output);
        var report = await MonitorReport.ReadAsync(Path.Combine(_repository.Root, "artifacts/credit-risk/monitor.json"));
        Assert.Equal("degraded", report.Verdict);
        Assert.Equal(["drift(Amount)"], report.RetrainReasons);
        Assert.Equal("verdict=degraded\nretrain=true\n", await File.ReadAllTextAsync(outputs));
    }

    [Fact]
    public async Task AnEmptyLogFolderFailsWithNoDataUnlessThePolicyPasses()
    {
        var empty = sample.NewFolder();
        var result = await _repository.RunAsync(new MonitorBuild(), "Monitor", "--log", empty, "--from", "2026-12-01", "--to", "2026-12-02");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no predictions logged between 2026-12-01 00:00:00 and 2026-12-02 00:00:00 UTC (monitor.no_data: fail", _repository.Output);

        _repository.Write("pipelines/credit-risk.yml", _repository.Read("pipelines/credit-risk.yml") + "\nmonitor:\n  no_data: pass\n");
        var passed = await _repository.RunAsync(new MonitorBuild(), "Monitor", "--log", empty);
        Assert.True(passed.ExitCode == 0, _repository.Output);
        Assert.Equal("no_data", (await MonitorReport.ReadAsync(Path.Combine(_repository.Root, "artifacts/credit-risk/monitor.json"))).Verdict);
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
