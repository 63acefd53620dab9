using System.Globalization;
using System.Text.Json;
using Trainyard.Targets;
using Trainyard.Tests.Targets;

namespace Trainyard.Tests.Components;

public sealed class Promote
{
    [Fact]
    public async Task PromotingToProductionRecordsTheMoveAndMakesItEvaluatesBaseline()
    {
        using var repo = new SampleRepository();
        await repo.RunAsync("Package");
        var between = DateTimeOffset.UtcNow;   // after Package made v1 candidate, before the promotion
        await Task.Delay(20);

        var promoted = await repo.RunAsync("Promote", "--version", "v1", "--alias", "production", "--reason", "first model, reviewed by risk");

        Assert.Equal(0, promoted.ExitCode);
        Assert.Contains("Moved production: (none) → v1 of credit-risk", repo.Output);
        Assert.Contains("gates passed: first model, reviewed by risk", repo.Output);
        await repo.RunAsync("Models");
        Assert.Matches(@"│ v1 +│.*│ candidate, production +│", repo.Output);

        await repo.RunAsync("Models", "--at", between.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        Assert.Matches(@"│ production +│ none yet", repo.Output);
        Assert.Matches(@"│ candidate +│ v1 ", repo.Output);
        await repo.RunAsync("Models", "--at", DateTimeOffset.UtcNow.AddMinutes(1).ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture));
        Assert.Matches(@"│ production +│ v1 +│ sha256:[0-9a-f]{12} │.*│ first model, reviewed by risk +│", repo.Output);

        var evaluated = await repo.RunAsync("Report");
        Assert.Equal(0, evaluated.ExitCode);
        Assert.Contains("Running: the version in production changed", repo.Output);
        Assert.Contains("Baseline: credit-risk:v1 (production)", repo.Output);
        using var metrics = JsonDocument.Parse(repo.Read("artifacts/credit-risk/metrics.json"));
        Assert.Equal("credit-risk:v1 (production)", metrics.RootElement.GetProperty("gates").GetProperty("baseline").GetString());
        Assert.Contains("credit-risk:v1 (production)", repo.Read("artifacts/credit-risk/report.html"));

        // Another alias (like a deploy's history or a new version) changes the registry's index, not the baseline:
        // Evaluate and Report stay up to date.
        await repo.RunAsync("Promote", "--version", "v1", "--alias", "staging", "--reason", "for the load test");
        var again = await repo.RunAsync("Report");
        Assert.Equal(TargetStatus.UpToDate, again.Of("Evaluate").Status);
        Assert.Equal(TargetStatus.UpToDate, again.Of("Report").Status);
    }

    [Fact]
    public async Task WithoutProductionTheSpecsBaselineFileIsUsedAndAMissingOneStillLeavesAReport()
    {
        using var repo = new SampleRepository();
        repo.Write("pipelines/credit-risk.yml", repo.Read("pipelines/credit-risk.yml")
            .Replace("  # baseline: baselines/credit-risk.metrics.json", "  baseline: baselines/credit-risk.metrics.json"));

        var result = await repo.RunAsync("Report");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(TargetStatus.Failed, result.Of("Evaluate").Status);   // gates cannot be checked against a file that is not there
        Assert.Contains("baselines/credit-risk.metrics.json", repo.Output);
        Assert.Equal(TargetStatus.Succeeded, result.Of("Report").Status);
        Assert.Contains("Report: the baseline could not be read", repo.Output);
    }

    [Fact]
    public async Task PromoteNeedsAVersionAnAliasAndAReasonBeforeAnythingRuns()
    {
        using var repo = new SampleRepository();

        var result = await repo.RunAsync("Promote", "--version", "v1");

        Assert.Equal(BuildResult.UsageError, result.ExitCode);
        Assert.Contains("Promote requires --alias", repo.Output);
        Assert.Contains("Promote requires --reason", repo.Output);
        Assert.DoesNotContain("Promote requires --version", repo.Output);
    }

    [Fact]
    public async Task PromotingAVersionThatDoesNotExistSaysWhichExist()
    {
        using var repo = new SampleRepository();

        var result = await repo.RunAsync("Promote", "--version", "v3", "--alias", "production", "--reason", "why not");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("credit-risk has no version v3; it has no versions yet (run Package)", repo.Output);
    }
}
