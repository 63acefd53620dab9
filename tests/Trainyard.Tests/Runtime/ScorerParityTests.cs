using Trainyard.Runtime.Features;
using Trainyard.Runtime.Scoring;

namespace Trainyard.Tests.Runtime;

/// <summary>
/// The managed scorer against libxgboost's own predictions on models trained by Python's xgboost 1.7.4, one per
/// objective and sample data set, over raw test rows encoded by the featurizer (half of them with missing values
/// and unseen categories).
/// </summary>
public sealed class ScorerParityTests
{
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData("credit", ModelObjective.BinaryLogistic, 1)]
    [InlineData("penguins", ModelObjective.MultiSoftprob, 3)]
    [InlineData("ames", ModelObjective.SquaredError, 1)]
    public async Task SingleRowPredictionsMatchLibxgboost(string name, ModelObjective objective, int outputs)
    {
        var fixture = await ParityFixture.LoadAsync(name);
        Assert.Equal(objective, fixture.Scorer.Objective);
        Assert.Equal(outputs, fixture.Scorer.OutputCount);
        Assert.Equal(fixture.Featurizer.FeatureCount, fixture.Scorer.FeatureCount);

        var matrix = fixture.EncodeAll();
        var width = fixture.Featurizer.FeatureCount;
        Assert.Contains(matrix, float.IsNaN); // the fixture really exercises default directions
        var output = new float[outputs];
        var worst = 0.0;
        for (var r = 0; r < fixture.Rows.Length; r++)
        {
            fixture.Scorer.Predict(matrix.AsSpan(r * width, width), output);
            for (var k = 0; k < outputs; k++) worst = Math.Max(worst, Math.Abs((double)output[k] - fixture.Expected[r][k]));
        }
        Assert.True(worst <= Tolerance, $"{name}: largest difference from libxgboost {worst:E3}");
    }

    [Theory]
    [InlineData("credit")]
    [InlineData("penguins")]
    [InlineData("ames")]
    public async Task BatchPredictionsEqualSingleRowPredictions(string name)
    {
        var fixture = await ParityFixture.LoadAsync(name);
        var matrix = fixture.EncodeAll();
        var outputs = fixture.Scorer.OutputCount;
        var width = fixture.Featurizer.FeatureCount;
        var serial = new float[fixture.Rows.Length * outputs];
        var parallel = new float[serial.Length];
        fixture.Scorer.PredictBatch(matrix, serial);
        fixture.Scorer.PredictBatch(matrix.AsMemory(), parallel.AsMemory(), maxThreads: 4);

        var single = new float[outputs];
        for (var r = 0; r < fixture.Rows.Length; r++)
        {
            fixture.Scorer.Predict(matrix.AsSpan(r * width, width), single);
            Assert.Equal(single, serial.AsSpan(r * outputs, outputs).ToArray());
            Assert.Equal(single, parallel.AsSpan(r * outputs, outputs).ToArray());
        }
    }

    [Fact]
    public async Task MulticlassProbabilitiesSumToOne()
    {
        var fixture = await ParityFixture.LoadAsync("penguins");
        var matrix = fixture.EncodeAll();
        var output = new float[matrix.Length / fixture.Scorer.FeatureCount * 3];
        fixture.Scorer.PredictBatch(matrix, output);
        for (var r = 0; r < output.Length / 3; r++)
            Assert.InRange(output[3 * r] + output[3 * r + 1] + output[3 * r + 2], 1f - 1e-6f, 1f + 1e-6f);
    }

    [Fact]
    public async Task UnseenCategoriesInTheFixtureRowsAreCounted()
    {
        var fixture = await ParityFixture.LoadAsync("credit");
        var unseen = new UnseenCategoryCounts(fixture.Featurizer);
        fixture.EncodeAll(unseen);
        Assert.True(unseen.Total > 0);
        Assert.All(unseen.Snapshot().Keys, column => Assert.Equal(FeatureEncoding.OneHot, fixture.Featurizer.Columns[fixture.Featurizer.IndexOf(column)].Encoding));
    }
}
