using System.Text.Json;
using Trainyard.Training;

namespace Trainyard.Tests.Training;

public sealed class EarlyStoppingTests
{
    private static readonly XGBoostTrainer Trainer = new();

    [Fact]
    public async Task TrainingStopsAfterThePatienceWithoutImprovementAndSavesOnlyTheRoundsUpToTheBest()
    {
        var model = await Trainer.TrainAsync(ParityData.Training(TaskKind.Regression), ParityData.Validation(TaskKind.Regression),
            ParityData.Settings(TrainingTask.Regression) with { EarlyStoppingRounds = 5 });

        Assert.True(model.RoundsTrained < 200, $"trained all {model.RoundsTrained} rounds");
        Assert.Equal(model.BestIteration + 1 + 5, model.RoundsTrained);
        Assert.Equal(model.RoundsTrained, model.History.Count);
        var best = model.History.MinBy(r => r.Value)!;
        Assert.Equal(best.Iteration, model.BestIteration);
        Assert.Equal(best.Value, model.BestScore);
        Assert.All(model.History.Skip(model.BestIteration + 1), r => Assert.True(r.Value >= best.Value));

        using var json = JsonDocument.Parse(model.ModelJson);
        var learner = json.RootElement.GetProperty("learner");
        var trees = learner.GetProperty("gradient_booster").GetProperty("model").GetProperty("trees");
        Assert.Equal(model.BestIteration + 1, trees.GetArrayLength());
        Assert.Equal(model.BestIteration.ToString(), learner.GetProperty("attributes").GetProperty("best_iteration").GetString());
    }

    [Fact]
    public async Task TheSavedModelPredictsWhatTheFullModelPredictedAtItsBestRound()
    {
        var settings = ParityData.Settings(TrainingTask.Binary) with { EarlyStoppingRounds = 0, Rounds = 12 };
        var full = await Trainer.TrainAsync(ParityData.Training(TaskKind.BinaryClassification), ParityData.Validation(TaskKind.BinaryClassification), settings);
        var stopped = await Trainer.TrainAsync(ParityData.Training(TaskKind.BinaryClassification), ParityData.Validation(TaskKind.BinaryClassification),
            settings with { Rounds = 200, EarlyStoppingRounds = 10 });

        Assert.Equal(12, full.RoundsTrained);
        Assert.Equal(2, stopped.BestIteration);
        Assert.NotEqual(ParityData.PredictTest(full, TaskKind.BinaryClassification), ParityData.PredictTest(stopped, TaskKind.BinaryClassification));
        var truncated = await Trainer.TrainAsync(ParityData.Training(TaskKind.BinaryClassification), ParityData.Validation(TaskKind.BinaryClassification),
            settings with { Rounds = 3 });
        Assert.Equal(ParityData.PredictTest(truncated, TaskKind.BinaryClassification), ParityData.PredictTest(stopped, TaskKind.BinaryClassification));
    }

    [Fact]
    public async Task WithoutAValidationSetEveryRoundIsTrainedAndKept()
    {
        var model = await Trainer.TrainAsync(ParityData.Training(TaskKind.Regression), validation: null,
            ParityData.Settings(TrainingTask.Regression) with { Rounds = 17 });

        Assert.Equal(17, model.RoundsTrained);
        Assert.Equal(16, model.BestIteration);
        Assert.Null(model.BestScore);
        Assert.Null(model.MetricName);
        Assert.Empty(model.History);
        using var json = JsonDocument.Parse(model.ModelJson);
        Assert.Equal(ParityData.FeatureNames, json.RootElement.GetProperty("learner").GetProperty("feature_names")
            .EnumerateArray().Select(n => n.GetString()!));
    }
}
