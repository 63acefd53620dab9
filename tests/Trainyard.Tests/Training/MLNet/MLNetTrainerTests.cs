using Trainyard.Training;
using Trainyard.Training.MLNet;

namespace Trainyard.Tests.Training.MLNet;

public sealed class MLNetTrainerTests
{
    private static readonly SourceLocation TrainerAt = new("pipelines/p.yml", 44, 12);

    private static TrainingSettings Settings(TrainingTask task, Dictionary<string, string>? parameters = null, int line = 48) => ParityData.Settings(task) with
    {
        Trainer = "fasttree",
        Rounds = 40,
        Parameters = parameters ?? [],
        ParameterLocations = (parameters ?? []).Keys.ToDictionary(k => k, _ => new SourceLocation("pipelines/p.yml", line, 5)),
        TrainerLocation = TrainerAt,
    };

    private static Task<TrainedModel> Train(ITrainer trainer, TrainingSettings settings) =>
        trainer.TrainAsync(ParityData.Training(settings.Task.Kind), ParityData.Validation(settings.Task.Kind), settings);

    [Fact]
    public async Task FastTreeRefusesAMulticlassTaskNamingTheAlternatives()
    {
        var error = await Assert.ThrowsAsync<TrainyardException>(() => Train(new FastTreeTrainer(), Settings(TrainingTask.Multiclass(3))));

        Assert.Equal(TrainerAt, error.Location);
        Assert.Contains("lightgbm", error.Message);
        Assert.Contains("xgboost", error.Message);
    }

    [Fact]
    public async Task AnUnknownParameterIsReportedAtItsLineWithTheClosestName()
    {
        var error = await Assert.ThrowsAsync<TrainyardException>(() =>
            Train(new LightGbmTrainer(), Settings(TrainingTask.Binary, new() { ["number_of_leafs"] = "16" })));

        Assert.Equal(new SourceLocation("pipelines/p.yml", 48, 5), error.Location);
        Assert.Contains("did you mean 'number_of_leaves'?", error.Message);
        Assert.Contains("l2_regularization", error.Message); // the allowed list
    }

    [Fact]
    public async Task AnotherTrainersParameterSaysWhoseItIs()
    {
        var error = await Assert.ThrowsAsync<TrainyardException>(() =>
            Train(new FastTreeTrainer(), Settings(TrainingTask.Binary, new() { ["max_depth"] = "4" })));

        Assert.Contains("'max_depth' is a parameter of xgboost, not of fasttree", error.Message);
        Assert.Contains("number_of_leaves", error.Message);
    }

    [Fact]
    public async Task ALightGbmOnlyParameterGivenToFastTreeSaysItIsLightGbms()
    {
        var error = await Assert.ThrowsAsync<TrainyardException>(() =>
            Train(new FastTreeTrainer(), Settings(TrainingTask.Binary, new() { ["l2_regularization"] = "1" })));

        Assert.Contains("'l2_regularization' is a parameter of lightgbm, not of fasttree", error.Message);
    }

    [Fact]
    public async Task ASettingWithItsOwnSpecKeyPointsThere()
    {
        var error = await Assert.ThrowsAsync<TrainyardException>(() =>
            Train(new FastTreeTrainer(), Settings(TrainingTask.Binary, new() { ["number_of_trees"] = "100" })));

        Assert.Contains("training.rounds", error.Message);
    }

    [Fact]
    public async Task AValueThatDoesNotParseIsReportedAtItsLine()
    {
        var error = await Assert.ThrowsAsync<TrainyardException>(() =>
            Train(new FastTreeTrainer(), Settings(TrainingTask.Regression, new() { ["number_of_leaves"] = "many" }, line: 50)));

        Assert.Equal(new SourceLocation("pipelines/p.yml", 50, 5), error.Location);
        Assert.Contains("expects a whole number, got 'many'", error.Message);
    }

    [Fact]
    public async Task ParametersReachTheTrainerAndAreRecorded()
    {
        var small = await Train(new LightGbmTrainer(), Settings(TrainingTask.Regression, new() { ["number_of_leaves"] = "2" }) with { EarlyStoppingRounds = 0 });

        Assert.Contains(new KeyValuePair<string, string>("number_of_leaves", "2"), small.Parameters);
        // Two leaves: every tree is one split, three nodes.
        using var json = System.Text.Json.JsonDocument.Parse(small.ModelJson);
        var trees = json.RootElement.GetProperty("learner").GetProperty("gradient_booster").GetProperty("model").GetProperty("trees");
        Assert.All(trees.EnumerateArray(), t => Assert.Equal(3, t.GetProperty("left_children").GetArrayLength()));
    }

    [Theory]
    [InlineData("fasttree")]
    [InlineData("lightgbm")]
    public async Task TheSameSeedAndThreadsGiveTheSameModelBytes(string name)
    {
        ITrainer trainer = name == "fasttree" ? new FastTreeTrainer() : new LightGbmTrainer();
        // Sampling rows and features makes the seed matter.
        var sampling = name == "fasttree"
            ? new Dictionary<string, string> { ["bagging_size"] = "1", ["bagging_example_fraction"] = "0.7", ["feature_fraction"] = "0.7" }
            : new Dictionary<string, string> { ["subsample_fraction"] = "0.7", ["subsample_frequency"] = "1", ["feature_fraction"] = "0.7" };
        TrainingSettings With(int seed) => Settings(TrainingTask.Binary, sampling) with { Seed = seed, EarlyStoppingRounds = 0 };

        var first = await Train(trainer, With(11));
        var second = await Train(trainer, With(11));
        var other = await Train(trainer, With(12));

        Assert.Equal(first.ModelJson.ToArray(), second.ModelJson.ToArray());
        Assert.Equal(first.History, second.History);
        Assert.NotEqual(first.ModelJson.ToArray(), other.ModelJson.ToArray());
    }

    [Theory]
    [InlineData("fasttree", TaskKind.BinaryClassification, "auc")]
    [InlineData("lightgbm", TaskKind.MulticlassClassification, "mlogloss")]
    [InlineData("lightgbm", TaskKind.Regression, "rmse")]
    public async Task HistoryAndBestRoundFollowTheValidationMetric(string name, TaskKind kind, string metric)
    {
        ITrainer trainer = name == "fasttree" ? new FastTreeTrainer() : new LightGbmTrainer();
        var task = kind switch { TaskKind.BinaryClassification => TrainingTask.Binary, TaskKind.Regression => TrainingTask.Regression, _ => TrainingTask.Multiclass(3) };
        var progress = new List<TrainingProgress>();

        var model = await trainer.TrainAsync(ParityData.Training(kind), ParityData.Validation(kind), Settings(task) with { Rounds = 200 },
            new Progress(progress));

        Assert.Equal(metric, model.MetricName);
        Assert.Equal(name, model.Trainer);
        Assert.True(model.RoundsTrained > model.BestIteration);
        Assert.Equal(model.History[model.BestIteration].Value, model.BestScore);
        // No earlier round is better than the best one (AUC higher, the losses lower).
        Assert.All(model.History.Take(model.BestIteration), h => Assert.True(metric == "auc" ? h.Value <= model.BestScore : h.Value >= model.BestScore));
        Assert.Equal(model.History.Count, progress.Count);
        Assert.NotEmpty(model.Importance);
        Assert.True(model.Importance[0].TotalGain > 0);
        // The scorer reads the model, holding best + 1 rounds.
        var scorer = Trainyard.Runtime.Scoring.XGBoostScorer.Load(model.ModelJson.Span);
        Assert.Equal(ParityData.Columns, scorer.FeatureCount);
    }

    // Synchronous, unlike Progress<T>, so the reports are all in when training returns.
    private sealed class Progress(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }
}
