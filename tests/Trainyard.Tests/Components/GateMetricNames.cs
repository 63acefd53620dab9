namespace Trainyard.Tests.Components;

public sealed class GateMetricNames
{
    [Fact]
    public async Task UnknownGateMetricFailsWithItsLineBeforeAnythingRuns()
    {
        using var repo = new SampleRepository();
        repo.AddGate("credit-risk", "aucc >= 0.8");
        var line = repo.Read("pipelines/credit-risk.yml").Split('\n').ToList().FindIndex(l => l.Contains("aucc")) + 1;

        var result = await repo.RunAsync("ValidateData");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"credit-risk.yml:{line}:7: gate 'aucc >= 0.8': 'aucc' is not a metric Evaluate computes; closest: auc", repo.Output);
        Assert.False(File.Exists(Path.Combine(repo.Root, "artifacts/credit-risk/validation.json")));
    }

    [Fact]
    public async Task GateOnAnotherTasksMetricSaysWhichTask()
    {
        using var repo = new SampleRepository();
        repo.AddGate("credit-risk", "rmse <= 5");

        var result = await repo.RunAsync("ValidateData");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'rmse' is not computed for a binary task", repo.Output);
    }

    [Fact]
    public async Task FailedGateSummaryIsPrintedOnce()
    {
        using var repo = new SampleRepository();
        repo.AddGate("credit-risk", "auc >= 0.99");

        var result = await repo.RunAsync("Evaluate");

        Assert.Equal(1, result.ExitCode);
        var summary = repo.Output.Split('\n').Where(l => l.Contains("gate(s) failed: auc")).ToList();
        Assert.Single(summary);
    }
}
