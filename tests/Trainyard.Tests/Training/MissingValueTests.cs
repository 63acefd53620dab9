using Trainyard.Training;

namespace Trainyard.Tests.Training;

public sealed class MissingValueTests
{
    [Fact]
    public async Task AMissingValueIsLearnedAsItsOwnSignalAndScoredWithoutError()
    {
        // Label 1 exactly when x is missing: only the split's default direction for missing values can learn it.
        const int rows = 400;
        var features = new float[rows * 2];
        var labels = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            var missing = i % 4 == 0;
            features[i * 2] = missing ? float.NaN : i % 7;
            features[i * 2 + 1] = i % 5;
            labels[i] = missing ? 1 : 0;
        }
        var set = new TrainingSet(features, rows, ["x", "noise"], labels);

        var model = await new XGBoostTrainer().TrainAsync(set, validation: null,
            new TrainingSettings { Task = TrainingTask.Binary, Rounds = 30, Threads = 1 });

        var predictions = NativePredictor.Predict(model.ModelJson.Span, [float.NaN, 3, 3, 3, float.NaN, float.NaN], rows: 3, columns: 2, threads: 1);
        Assert.True(predictions[0] > 0.9, $"missing x: {predictions[0]}");
        Assert.True(predictions[1] < 0.1, $"present x: {predictions[1]}");
        Assert.True(predictions[2] > 0.9, $"all missing: {predictions[2]}");
        Assert.Equal("x", model.Importance[0].Feature);
        Assert.True(model.Importance[0].TotalGain > 0);
        Assert.Equal(0, model.Importance[1].TotalGain);
    }
}
