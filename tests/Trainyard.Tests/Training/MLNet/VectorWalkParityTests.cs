using Trainyard.Runtime.Scoring;
using Trainyard.Tests.Runtime;
using Trainyard.Training.MLNet;

namespace Trainyard.Tests.Training.MLNet;

/// <summary>
/// Models FastTree and LightGBM trained on the sample pipelines, exported, score bit for bit the same with the vector
/// walk as with the scalar walk, on the test rows and on rows with missing values in the most important features.
/// </summary>
public sealed class VectorWalkParityTests
{
    [Theory]
    [InlineData("credit-risk", "fasttree")]
    [InlineData("credit-risk", "lightgbm")]
    [InlineData("penguins", "lightgbm")]
    [InlineData("ames", "fasttree")]
    public async Task TrainedModelsPredictTheSameBitsBothWays(string pipeline, string trainer)
    {
        var sets = await SamplePipelineSets.LoadAsync(pipeline);
        var model = trainer == "fasttree"
            ? await new FastTreeTrainer().TrainAsync(sets.Train, sets.Validation, sets.Settings, null, CancellationToken.None)
            : await new LightGbmTrainer().TrainAsync(sets.Train, sets.Validation, sets.Settings, null, CancellationToken.None);
        var rows = sets.TestWithMissingValues(model.Importance.Take(3).Select(i => i.Feature).ToList());
        var scorer = XGBoostScorer.Load(model.ModelJson.Span);
        Assert.Contains(rows.Features.ToArray(), float.IsNaN);

        VectorTreeWalkTests.AssertSameBits(scorer, rows.Features.ToArray());
    }
}
