using System.Text.Json;
using Trainyard.Packaging;

namespace Trainyard.Tests.Components;

/// <summary>Train and Evaluate on the credit-risk sample with ML.NET's trainers picked by <c>training.trainer</c>.</summary>
public sealed class TrainWithMLNet
{
    // The sample's training section with another trainer and its parameters instead of XGBoost's.
    static void UseTrainer(SampleRepository repo, string trainer, string parameters)
    {
        const string path = "pipelines/credit-risk.yml";
        var spec = repo.Read(path);
        var start = spec.IndexOf("training:\n", StringComparison.Ordinal);
        var end = spec.IndexOf("\nevaluation:", start, StringComparison.Ordinal);
        repo.Write(path, spec[..start] + $"training:\n  trainer: {trainer}\n  rounds: 300\n  early_stopping_rounds: 25\n  threads: 2\n  parameters:\n{parameters}\n" + spec[end..]);
    }

    [Fact]
    public async Task ALightGbmModelIsTrainedEvaluatedAndPackagedWithTheManagedScorer()
    {
        using var repo = new SampleRepository();
        UseTrainer(repo, "lightgbm", "    number_of_leaves: 15\n    learning_rate: 0.05\n");

        var result = await repo.RunAsync("Evaluate");

        Assert.True(result.ExitCode == 0, repo.Output);
        using var run = JsonDocument.Parse(repo.Read("artifacts/credit-risk/run.json"));
        var text = run.RootElement.GetRawText();
        Assert.Contains("\"trainer\":\"lightgbm\"", text.Replace(" ", ""));
        Assert.Contains("\"lightgbm\":\"6.0.0\"", text.Replace(" ", ""));        // versions: ML.NET's
        Assert.Contains("\"number_of_leaves\":\"15\"", text.Replace(" ", ""));
        using var metrics = JsonDocument.Parse(repo.Read("artifacts/credit-risk/metrics.json"));
        Assert.Contains("\"auc\":0.8", metrics.RootElement.GetRawText().Replace(" ", ""));  // the sample's XGBoost models reach 0.83–0.87

        var spec = Trainyard.Pipelines.PipelineSpec.Load(Path.Combine(repo.Root, "pipelines/credit-risk.yml"));
        var package = await PackageInputs.ReadAsync(spec, repo.Root, "artifacts/credit-risk", new Dictionary<string, string>(), CancellationToken.None);
        Assert.Equal("lightgbm", package.Metadata.Trainer);
    }

    [Fact]
    public async Task XGBoostParametersGivenToFastTreeFailTrainAtTheirLine()
    {
        using var repo = new SampleRepository();
        UseTrainer(repo, "fasttree", "    max_depth: 4\n");

        var result = await repo.RunAsync("Train");

        Assert.NotEqual(0, result.ExitCode);
        var line = repo.ReadLines("pipelines/credit-risk.yml").ToList().FindIndex(l => l.Contains("max_depth")) + 1;
        Assert.Contains($"credit-risk.yml:{line}:5", repo.Output);
        Assert.Contains("'max_depth' is a parameter of xgboost, not of fasttree", repo.Output);
    }
}
