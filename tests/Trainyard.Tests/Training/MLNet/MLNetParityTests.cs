using Microsoft.ML;
using Microsoft.ML.Data;
using Trainyard.Runtime.Scoring;
using Trainyard.Training;
using Trainyard.Training.MLNet;
using Xunit.Abstractions;

namespace Trainyard.Tests.Training.MLNet;

/// <summary>
/// The exported model scored by the managed scorer gives what ML.NET's own model gives (model.Transform, the path
/// PredictionEngine takes) on every sample pipeline's test rows, plus rows with missing values in the model's most
/// important features. Within 1e-5, not exactly: ML.NET sums a row's leaves in float64 and rounds once to float32,
/// then calibrates in float64 (binary) or takes softmax in float64 (multiclass), while the scorer adds the leaves,
/// already scaled by the calibrator's slope and rounded to float32, one by one in float32 as libxgboost does.
/// Which leaf each row reaches is exact (thresholds and missing values are converted without approximation), so a
/// wrong branch would show as a difference of a leaf's size, far above the tolerance.
/// </summary>
public sealed class MLNetParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData("credit-risk", "fasttree")]
    [InlineData("credit-risk", "lightgbm")]
    [InlineData("penguins", "lightgbm")]
    [InlineData("ames", "fasttree")]
    [InlineData("ames", "lightgbm")]
    public async Task ManagedScorerMatchesMLNetOnTheTestRowsAndMissingValues(string pipeline, string trainer)
    {
        var sets = await SamplePipelineSets.LoadAsync(pipeline);
        // FastTree's model holds every round and the export cuts it at the best one, so compare the uncut model;
        // LightGBM's own early stopping already ends ML.NET's model at its best iteration.
        var settings = sets.Settings with { EarlyStoppingRounds = trainer == "fasttree" ? 0 : 10 };
        var (model, mlnet) = trainer == "fasttree"
            ? await new FastTreeTrainer().TrainWithMLNetModelAsync(sets.Train, sets.Validation, settings, null, CancellationToken.None)
            : await new LightGbmTrainer().TrainWithMLNetModelAsync(sets.Train, sets.Validation, settings, null, CancellationToken.None);
        var rows = sets.TestWithMissingValues(model.Importance.Take(3).Select(i => i.Feature).ToList());

        var scorer = XGBoostScorer.Load(model.ModelJson.Span);
        var managed = new float[rows.Rows * scorer.OutputCount];
        scorer.PredictBatch(rows.Features.Span, managed);
        var expected = MLNetPredictions(mlnet, rows, settings.Task);

        Assert.Equal(expected.Length, managed.Length);
        var largest = expected.Zip(managed, (e, m) => Math.Abs((double)e - m) / Math.Max(1, Math.Abs((double)e))).Max();
        var largestAbsolute = expected.Zip(managed, (e, m) => Math.Abs((double)e - m)).Max();
        output.WriteLine($"{pipeline} {trainer}: {rows.Rows} rows ({rows.Rows - sets.Test.Rows} with missing values), {scorer.TreeCount} trees, largest difference {largestAbsolute:E2} (relative {largest:E2})");
        Assert.True(largest <= Tolerance, $"largest difference {largest}");
        // The missing values change some predictions, so the rows above took the trees' missing-value branches.
        var outputs = scorer.OutputCount;
        Assert.Contains(Enumerable.Range(sets.Test.Rows, rows.Rows - sets.Test.Rows), r =>
            Math.Abs(expected[r * outputs] - expected[(r - sets.Test.Rows) % sets.Test.Rows * outputs]) > 1e-3);
    }

    /// <summary>ML.NET's outputs as the scorer lays them out: binary the probability, multiclass the class scores, regression the score.</summary>
    internal static float[] MLNetPredictions(ITransformer model, TrainingSet rows, TrainingTask task)
    {
        var scored = model.Transform(new FeatureMatrixDataView(rows, task));
        var column = scored.Schema[task.Kind == TaskKind.BinaryClassification ? "Probability" : "Score"];
        var result = new List<float>();
        using var cursor = scored.GetRowCursor([column]);
        if (task.Kind == TaskKind.MulticlassClassification)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            var scores = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                getter(ref scores);
                result.AddRange(scores.DenseValues());
            }
        }
        else
        {
            var getter = cursor.GetGetter<float>(column);
            var value = 0f;
            while (cursor.MoveNext())
            {
                getter(ref value);
                result.Add(value);
            }
        }
        return [.. result];
    }
}
