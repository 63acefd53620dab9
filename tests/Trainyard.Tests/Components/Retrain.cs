using System.Security.Cryptography;
using System.Text.Json;
using Trainyard.Artifacts.Monitoring;
using Trainyard.Components;
using Trainyard.Targets;
using Trainyard.Tests.Targets;

namespace Trainyard.Tests.Components;

/// <summary>The build a consumer writes for continuous training: the whole chain plus Monitor and Retrain.</summary>
internal sealed class RetrainBuild : TrainyardBuild, IRetrain, IModels, IPromote, IReport;

/// <summary>
/// Retrain over the sample pipeline, Monitor skipped and its monitor.json written by the test (Monitor itself is
/// tested on its own). Containerize and CanaryDeploy need a Docker engine and are skipped here; the end-to-end run
/// with Docker is docs/retrain.md's "End to end".
/// </summary>
public sealed class Retrain
{
    static readonly string[] Chain = ["ValidateData", "Train", "Evaluate", "Package", "Containerize", "CanaryDeploy"];

    static async Task WriteReportAsync(SampleRepository repo, bool retrain, params string[] reasons)
    {
        var report = new MonitorReport("credit-risk", "v1", DateTimeOffset.Parse("2026-12-06T00:00Z"), DateTimeOffset.Parse("2026-12-07T00:00Z"),
            5000, 0, retrain ? "degraded" : "healthy", retrain, reasons, reasons.Length > 0 && reasons[0].StartsWith("drift(") ? ["Income", "Age"] : [], [], [])
        { Summary = retrain ? "1 monitor gate(s) failed" : "all monitor gates passed, no input drift" };
        Directory.CreateDirectory(Path.Combine(repo.Root, "artifacts/credit-risk"));
        await report.WriteAsync(Path.Combine(repo.Root, "artifacts/credit-risk/monitor.json"));
    }

    [Fact]
    public async Task ThePlanIsMonitorThenRetrainThenTheChain()
    {
        using var repo = new SampleRepository();

        var result = await repo.RunAsync(new RetrainBuild(), "Retrain", "--plan");

        Assert.Equal(0, result.ExitCode);
        var order = new[] { "Monitor", "Retrain" }.Concat(Chain).Select(t => repo.Output.IndexOf(t + " ", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Contains("triggered by Retrain", repo.Output);
    }

    [Fact]
    public async Task AHealthyReportSkipsTheChainAndSaysSo()
    {
        using var repo = new SampleRepository();
        await WriteReportAsync(repo, retrain: false);

        var result = await repo.RunAsync(new RetrainBuild(), "Retrain", "--skip", "Monitor");

        Assert.True(result.ExitCode == 0, repo.Output);
        Assert.Contains("Nothing to retrain: Monitor's verdict on production (v1) is healthy and it asks for no retraining (all monitor gates passed, no input drift)", repo.Output);
        foreach (var target in Chain)
        {
            Assert.Equal(TargetStatus.Skipped, result.Of(target).Status);
            Assert.Equal(IHazTrigger.NothingToRetrain, result.Of(target).Reason);
        }
        Assert.False(File.Exists(Path.Combine(repo.Root, "artifacts/credit-risk/run.json")));
    }

    [Fact]
    public async Task ForceRetrainsAHealthyModelWithTheRunsOwnTrigger()
    {
        using var repo = new SampleRepository();
        await WriteReportAsync(repo, retrain: false);
        repo.Environment["GITHUB_EVENT_NAME"] = "schedule";

        var result = await repo.RunAsync(new RetrainBuild(), "Retrain", "--force", "--skip", "Monitor", "--skip", "Containerize", "--skip", "CanaryDeploy");

        Assert.True(result.ExitCode == 0, repo.Output);
        Assert.Contains("Retraining: --force given, so retraining although monitor's verdict", repo.Output);
        Assert.Equal(TargetStatus.Succeeded, result.Of("Train").Status);
        Assert.Equal(TargetStatus.Succeeded, result.Of("Package").Status);
        using var run = JsonDocument.Parse(repo.Read("artifacts/credit-risk/run.json"));
        Assert.Equal("schedule", run.RootElement.GetProperty("trigger").GetString());
        Assert.Equal(JsonValueKind.Null, run.RootElement.GetProperty("trigger_report").ValueKind);
    }

    [Fact]
    public async Task DriftRetrainsAndRunJsonAndTheRegistryRecordTheTriggerAndItsReport()
    {
        using var repo = new SampleRepository();
        await WriteReportAsync(repo, retrain: true, "drift(Income, Age)");
        var reportSha = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(repo.Root, "artifacts/credit-risk/monitor.json"))));

        var result = await repo.RunAsync(new RetrainBuild(), "Retrain", "--skip", "Monitor", "--skip", "Containerize", "--skip", "CanaryDeploy");

        Assert.True(result.ExitCode == 0, repo.Output);
        Assert.Contains("Retraining: Monitor asks for retraining (drift(Income, Age)); v1 is in production. Trigger: drift(Income, Age) (sha256:", repo.Output.Replace("\n", ""), StringComparison.Ordinal);
        using (var run = JsonDocument.Parse(repo.Read("artifacts/credit-risk/run.json")))
        {
            Assert.Equal("drift(Income, Age)", run.RootElement.GetProperty("trigger").GetString());
            Assert.Equal(reportSha, run.RootElement.GetProperty("trigger_report").GetString());
        }
        await repo.RunAsync(new RetrainBuild(), "Models");
        Assert.Matches(@"│ v1 +│.*│ drift\(Income, Age\) +│", repo.Output);
        await repo.RunAsync(new RetrainBuild(), "Models", "--version", "v1");
        Assert.Matches(@"trigger +drift\(Income, Age\)", repo.Output);
        Assert.Contains(reportSha, repo.Output);
        await repo.RunAsync(new RetrainBuild(), "Report");
        Assert.Contains($"drift(Income, Age) (monitor report {reportSha})", repo.Read("artifacts/credit-risk/report.html"));
    }

    [Fact]
    public async Task ARetrainedModelThatFailsAGateAgainstProductionIsNotDeployed()
    {
        using var repo = new SampleRepository();
        await repo.RunAsync(new RetrainBuild(), "Package");
        await repo.RunAsync(new RetrainBuild(), "Promote", "--version", "v1", "--alias", "production", "--reason", "first model");
        await WriteReportAsync(repo, retrain: true, "estimated.auc 0.71 < 0.74");
        repo.AddGate("credit-risk", "auc >= baseline + 0.5"); // no model beats production by that much

        var result = await repo.RunAsync(new RetrainBuild(), "Retrain", "--skip", "Monitor");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Trigger: quality(auc)", repo.Output);
        Assert.Contains("Baseline: credit-risk:v1 (production)", repo.Output);
        Assert.Equal(TargetStatus.Failed, result.Of("Evaluate").Status);
        foreach (var target in new[] { "Package", "Containerize", "CanaryDeploy" })
        {
            Assert.Equal(TargetStatus.NotRun, result.Of(target).Status);
            Assert.Equal("Evaluate failed", result.Of(target).Reason);
        }
        Assert.Contains("gate(s) failed", repo.Output);
    }

    [Fact]
    public async Task OutsideRetrainTheChainRunsAsBeforeWhateverMonitorJsonSays()
    {
        using var repo = new SampleRepository();
        await WriteReportAsync(repo, retrain: false);

        var result = await repo.RunAsync(new RetrainBuild(), "Train", "--trigger", "push");

        Assert.True(result.ExitCode == 0, repo.Output);
        Assert.Equal(TargetStatus.Succeeded, result.Of("Train").Status);
        using var run = JsonDocument.Parse(repo.Read("artifacts/credit-risk/run.json"));
        Assert.Equal("push", run.RootElement.GetProperty("trigger").GetString());
    }
}
