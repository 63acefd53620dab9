using System.Net;
using System.Text.Json;
using Trainyard.Components;
using Trainyard.Containers;
using Trainyard.Reporting;
using Trainyard.Targets;
using Trainyard.Training;

namespace Trainyard.Tests.Components;

/// <summary>A consuming build that changes settings through the hooks, as a team's Build.cs does.</summary>
internal sealed class HookedBuild : TrainyardBuild, IComment, IContainerize
{
    Configure<TrainingSettings> ITrain.TrainingSettings => s => s with { Rounds = 7, EarlyStoppingRounds = 0 };
    Configure<ReportSettings> IReport.ReportSettings => s => s with { Title = "Credit risk, risk team" };
    Configure<CommentSettings> IComment.CommentSettings => s => s with { Title = "Credit risk model", ShowFingerprints = false, ShowDrift = false };
}

/// <summary>A consuming build that registers its own trainer for the spec to pick.</summary>
internal sealed class ConstantTrainerBuild(ConstantTrainer trainer) : TrainyardBuild, IComment, IPackage
{
    Configure<TrainingSettings> ITrain.TrainingSettings => s => s.WithTrainer(trainer);
}

/// <summary>A consuming build whose image hook builds on what the parameters gave (here: the default name).</summary>
internal sealed class TaggedImageBuild : TrainyardBuild, IContainerize
{
    Configure<ContainerizeSettings> IContainerize.ContainerizeSettings => s => s with { Image = s.Image + ":latest" };
}

/// <summary>A consuming build that replaces a component's target with its own.</summary>
internal sealed class OwnTrainBuild : TrainyardBuild, IEvaluate
{
    public bool OwnTrainRan { get; private set; }

    Target ITrain.Train => _ => _
        .DependsOn(From<IValidateData>().ValidateData)
        .Executes(() => OwnTrainRan = true);
}

public sealed class Customising
{
    [Fact]
    public async Task TheTrainingSettingsHookDecidesTheRounds()
    {
        using var repo = new SampleRepository();

        var result = await repo.RunAsync(new HookedBuild(), "Train");

        Assert.True(result.ExitCode == 0, repo.Output);
        using var run = JsonDocument.Parse(repo.Read("artifacts/credit-risk/run.json"));
        // The spec says 500 rounds with early stopping after 25; the hook says 7 and no early stopping.
        Assert.Equal(7, run.RootElement.GetProperty("parameters").GetProperty("rounds").GetInt32());
        Assert.Equal(0, run.RootElement.GetProperty("parameters").GetProperty("early_stopping_rounds").GetInt32());
        Assert.Equal(7, run.RootElement.GetProperty("model").GetProperty("rounds_trained").GetInt32());
    }

    [Fact]
    public async Task TheReportAndCommentHooksSetTheTitlesAndTheSectionsShown()
    {
        using var repo = new SampleRepository();

        var result = await repo.RunAsync(new HookedBuild(), "Comment");

        Assert.True(result.Targets.Single(t => t.Name == "Train").Status == TargetStatus.Succeeded, repo.Output);

        var html = WebUtility.HtmlDecode(repo.Read("artifacts/credit-risk/report.html"));
        Assert.Contains("<title>Credit risk, risk team · ", html);
        Assert.Contains("Trainyard report · Credit risk, risk team", html);
        var comment = repo.Read("artifacts/credit-risk/comment.md");
        Assert.Matches(@"^### (✅|❌) Credit risk model: ", comment);
        Assert.DoesNotContain("| Fingerprint |", comment);
        Assert.DoesNotContain("| Column | Drift measure |", comment);
        Assert.DoesNotContain("Drift against", comment);
        Assert.Contains("| Metric | Value | Baseline | Δ |", comment);           // still shown
        Assert.Contains("<details><summary>All metrics and data checks</summary>", comment);
    }

    [Fact]
    public async Task ByDefaultTheCommentShowsEveryFoldedTable()
    {
        using var repo = new SampleRepository();

        var result = await repo.RunAsync("Comment");

        Assert.True(result.ExitCode == 0, repo.Output);

        var comment = repo.Read("artifacts/credit-risk/comment.md");
        Assert.StartsWith("### ✅ credit-risk: ", comment);
        Assert.Contains("| Fingerprint |", comment);
        Assert.Contains("| Column | Drift measure |", comment);
        Assert.Contains("<details><summary>All metrics, data checks, drift and fingerprints</summary>", comment);
    }

    [Fact]
    public async Task ATrainerTheBuildRegistersIsPickedByTheSpecAndItsModelIsEvaluated()
    {
        using var repo = new SampleRepository();
        repo.Write("pipelines/credit-risk.yml", repo.Read("pipelines/credit-risk.yml").Replace("training:\n", "training:\n  trainer: constant\n"));
        var trainer = new ConstantTrainer();

        var result = await repo.RunAsync(new ConstantTrainerBuild(trainer), "Evaluate");

        // The spec's gate auc >= 0.80 fails, as it should for a model that ranks nothing; metrics.json is written first.
        Assert.Equal(TargetStatus.Succeeded, result.Targets.Single(t => t.Name == "Train").Status);
        Assert.Equal(TargetStatus.Failed, result.Targets.Single(t => t.Name == "Evaluate").Status);
        using var run = JsonDocument.Parse(repo.Read("artifacts/credit-risk/run.json"));
        Assert.Equal("constant", run.RootElement.GetProperty("parameters").GetProperty("trainer").GetString());
        // The spec's training.parameters reach a custom trainer as written, unchecked against XGBoost's list.
        Assert.Equal("4", trainer.ReceivedParameters?["max_depth"]);
        using var metrics = JsonDocument.Parse(repo.Read("artifacts/credit-risk/metrics.json"));
        // First principles: one score for every row ranks no positive above any negative, so AUC is exactly 0.5.
        Assert.Equal(0.5, metrics.RootElement.GetProperty("binary").GetProperty("auc").GetDouble());
        // Every test row's probability of 'bad' is the training rows' share of 'bad'.
        var probabilities = repo.ReadLines("artifacts/credit-risk/predictions.csv").Skip(1).Select(l => l.Split(',')[4]).Distinct().ToArray();
        Assert.Single(probabilities);
        Assert.InRange(double.Parse(probabilities[0], System.Globalization.CultureInfo.InvariantCulture), 0.25, 0.31); // credit_data.csv: 1254 of 4454 bad
    }

    [Fact]
    public async Task ABuildReplacesAComponentsTargetByImplementingItExplicitly()
    {
        using var repo = new SampleRepository();
        var build = new OwnTrainBuild();

        var result = await repo.RunAsync(build, "Train");

        Assert.True(result.ExitCode == 0, repo.Output);
        Assert.True(build.OwnTrainRan);
        Assert.Equal(["ValidateData", "Train"], result.Targets.Select(t => t.Name));
        Assert.False(File.Exists(Path.Combine(repo.Root, "artifacts/credit-risk/model.json")));  // the component's Train did not run
    }

    [Fact]
    public async Task TheContainerizeHookReceivesTheImageFromTheParametersAndWhatItReturnsIsChecked()
    {
        using var repo = new SampleRepository();

        // --skip: only Containerize runs; the image name is checked before any engine is reached.
        var result = await repo.RunAsync(new TaggedImageBuild(), "Containerize", "--skip");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the build's ContainerizeSettings hook set Image to 'trainyard/credit-risk:latest', which holds a tag or digest", repo.Output);
        Assert.DoesNotContain("   at ", repo.Output);
    }

    [Fact]
    public async Task AConstantModelFromTheBuildsTrainerIsPackagedLikeAnyOther()
    {
        using var repo = new SampleRepository();
        repo.Write("pipelines/credit-risk.yml", repo.Read("pipelines/credit-risk.yml")
            .Replace("training:\n", "training:\n  trainer: constant\n")
            .Replace("    - auc >= 0.80 ", "    - auc >= 0.5 "));

        var result = await repo.RunAsync(new ConstantTrainerBuild(new ConstantTrainer()), "Package");

        // Package loads the model with the server's scorer and checks it against the featurizer and example.json.
        Assert.True(result.ExitCode == 0, repo.Output);
        Assert.Contains("Published credit-risk:v1", repo.Output);
    }

    [Fact]
    public async Task AnUnknownTrainerNamesTheSpecLineTheRegisteredTrainersAndTheClosest()
    {
        using var repo = new SampleRepository();
        var spec = repo.Read("pipelines/credit-risk.yml").Replace("training:\n", "training:\n  trainer: constnt\n");
        repo.Write("pipelines/credit-risk.yml", spec);
        var line = spec.Split('\n').ToList().IndexOf("  trainer: constnt") + 1;

        var result = await repo.RunAsync(new ConstantTrainerBuild(new ConstantTrainer()), "Train");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"pipelines/credit-risk.yml:{line}:12: training.trainer: 'constnt' is not a registered trainer; did you mean 'constant'? registered: constant, fasttree, lightgbm, xgboost.", repo.Output);
        Assert.DoesNotContain("   at ", repo.Output);
    }
}
