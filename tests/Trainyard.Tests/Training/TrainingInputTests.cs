using Trainyard.Training;

namespace Trainyard.Tests.Training;

public sealed class TrainingInputTests
{
    [Fact]
    public async Task ABinaryLabelOutsideZeroAndOneNamesTheRow()
    {
        var set = new TrainingSet([1, 2, 3], 3, ["x"], [0, 2, 1]);

        var error = await Assert.ThrowsAsync<TrainyardException>(() =>
            new XGBoostTrainer().TrainAsync(set, null, new TrainingSettings { Task = TrainingTask.Binary }));

        Assert.Contains("training label at row 2 (2)", error.Message);
        Assert.Contains("binary labels must be 0 or 1", error.Message);
    }

    [Fact]
    public void FeaturesThatDoNotFillRowsTimesColumnsAreRefused()
    {
        var error = Assert.Throws<TrainyardException>(() => new TrainingSet([1, 2, 3], 2, ["x", "y"], [0, 1]));

        Assert.Contains("3 feature values are not 2 rows × 2 features", error.Message);
    }

    [Fact]
    public async Task AnUnknownObjectiveReportsXgboostsOwnExplanation()
    {
        var settings = ParityData.Settings(TrainingTask.Regression) with
        {
            Parameters = new Dictionary<string, string> { ["objective"] = "reg:no-such-objective" },
        };

        var error = await Assert.ThrowsAnyAsync<TrainyardException>(() => new XGBoostTrainer().TrainAsync(
            ParityData.Training(TaskKind.Regression), ParityData.Validation(TaskKind.Regression), settings));

        Assert.Contains("XGBoosterUpdateOneIter", error.Message);
        Assert.Contains("reg:no-such-objective", error.Message);
    }
}
