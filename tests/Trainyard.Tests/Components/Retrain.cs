using System.Globalization;
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
    public async Task DriftSeverityErrorDoesNotStopTheRetrainThatAnswersTheDrift()
    {
        using var repo = new SampleRepository();
        repo.Write("pipelines/credit-risk.yml", repo.Read("pipelines/credit-risk.yml")
            .Replace("  psi_threshold: 0.2\n  severity: warning\n", "  psi_threshold: 0.2\n  severity: error\n", StringComparison.Ordinal));
        // Income (column 10) pulled 30% toward the schema's minimum of 6: drifted against the reference profile, every
        // value still inside the schema's range.
        var lines = repo.ReadLines("data/credit_data.csv");
        repo.WriteLines("data/credit_data.csv", [lines[0], .. lines.Skip(1).Select(l => l.Split(',')).Select(r =>
        {
            if (r[9] != "") r[9] = Math.Round(6 + (double.Parse(r[9], CultureInfo.InvariantCulture) - 6) * 0.7).ToString(CultureInfo.InvariantCulture);
            return string.Join(',', r);
        })]);
        var plain = await repo.RunAsync(new RetrainBuild(), "ValidateData");
        Assert.Equal(1, plain.ExitCode); // outside Retrain the spec's severity holds
        await WriteReportAsync(repo, retrain: true, "drift(Income, Age)");

        var result = await repo.RunAsync(new RetrainBuild(), "Retrain", "--skip", "Monitor", "--skip", "Containerize", "--skip", "CanaryDeploy");

        Assert.True(result.ExitCode == 0, repo.Output);
        Assert.Equal(TargetStatus.Succeeded, result.Of("ValidateData").Status);
        Assert.Equal(TargetStatus.Succeeded, result.Of("Train").Status);
        Assert.Contains("drift.severity: error is reported as warnings: Retrain trains the next model on this data", repo.Output.Replace("\n", ""));
        using (var validation = JsonDocument.Parse(repo.Read("artifacts/credit-risk/validation.json")))
        {
            var drift = validation.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("rule").GetString() == "drift").ToList();
            Assert.Contains(drift, f => f.GetProperty("column").GetString() == "Income");
            Assert.All(drift, f => Assert.Equal("warning", f.GetProperty("severity").GetString()));
        }

        // The verdict depends on the build: a plain ValidateData afterwards is not taken as up to date.
        var again = await repo.RunAsync(new RetrainBuild(), "ValidateData");
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(TargetStatus.Failed, again.Of("ValidateData").Status);
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
