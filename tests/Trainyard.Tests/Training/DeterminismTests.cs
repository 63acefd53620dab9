using Trainyard.Training;

namespace Trainyard.Tests.Training;

public sealed class DeterminismTests
{
    private static readonly XGBoostTrainer Trainer = new();

    // Row and column subsampling make the seed matter; two threads make thread scheduling a possible source of noise.
    private static TrainingSettings Settings(int seed) => ParityData.Settings(TrainingTask.Binary) with
    {
        Seed = seed,
        Rounds = 30,
        EarlyStoppingRounds = 0,
        Parameters = new Dictionary<string, string> { ["max_depth"] = "4", ["subsample"] = "0.7", ["colsample_bytree"] = "0.7" },
    };

    [Fact]
    public async Task TheSameSeedAndThreadsGiveTheSameModelBytes()
    {
        var first = await Train(Settings(seed: 11));
        var second = await Train(Settings(seed: 11));

        Assert.Equal(first.ModelJson.ToArray(), second.ModelJson.ToArray());
        Assert.Equal(first.History, second.History);
    }

    [Fact]
    public async Task ADifferentSeedGivesADifferentModelWhenSamplingIsOn()
    {
        var first = await Train(Settings(seed: 11));
        var other = await Train(Settings(seed: 12));

        Assert.NotEqual(first.ModelJson.ToArray(), other.ModelJson.ToArray());
    }

    private static Task<TrainedModel> Train(TrainingSettings settings) => Trainer.TrainAsync(
        ParityData.Training(TaskKind.BinaryClassification), ParityData.Validation(TaskKind.BinaryClassification), settings);
}
