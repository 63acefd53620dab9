using Trainyard.Runtime.Scoring;
using Trainyard.Training;
using Trainyard.Training.MLNet;

namespace Trainyard.Tests.Training.MLNet;

/// <summary>The export on hand-made ML.NET trees: ML.NET's ≤ and missing-value rules become XGBoost's &lt; and default_left exactly.</summary>
public sealed class TreeEnsembleExportTests
{
    // One split on feature 0 at threshold t: leaf 0 (value 1) for x ≤ t, leaf 1 (value 2) otherwise.
    private static MLNetTree Stump(float threshold, float[]? missing = null, bool categorical = false) =>
        new([~0], [~1], [0], [threshold], [categorical], [1.0, 2.0], missing, [5.0], Round: 0, Group: 0);

    private static float Score(MLNetTree tree, float x)
    {
        var exported = TreeEnsembleExport.Convert(tree, 1, 2, "fasttree");
        var scorer = XGBoostScorer.Load(TreeEnsembleExport.Write(TrainingTask.Regression, ["a", "b"], [exported], 0f));
        var output = new float[1];
        scorer.Predict([x, 0f], output);
        return output[0];
    }

    [Theory]
    [InlineData(0.3f)]
    [InlineData(-0.0f)]
    [InlineData(1e-40f)]   // subnormal
    [InlineData(-1234567.8f)]
    public void AValueEqualToTheThresholdGoesLeftAndTheNextFloatRight(float threshold)
    {
        Assert.Equal(1f, Score(Stump(threshold), threshold));
        Assert.Equal(1f, Score(Stump(threshold), MathF.BitDecrement(threshold)));
        Assert.Equal(2f, Score(Stump(threshold), MathF.BitIncrement(threshold)));
    }

    [Fact]
    public void MissingValuesGoWhereMLNetSendsThem()
    {
        Assert.Equal(2f, Score(Stump(0.5f), float.NaN));                   // no defaults: NaN ≤ t is false
        Assert.Equal(1f, Score(Stump(0.5f, missing: [0.5f]), float.NaN));  // LightGBM's default left: the threshold itself
        Assert.Equal(2f, Score(Stump(0.5f, missing: [1.5f]), float.NaN));  // default right: threshold + 1
        Assert.Equal(1f, Score(Stump(0.5f, missing: [0f]), float.NaN));    // a node without missing handling: 0 ≤ 0.5
    }

    [Fact]
    public void ACategoricalSplitFailsTheExport()
    {
        var error = Assert.Throws<TrainyardException>(() => TreeEnsembleExport.Convert(Stump(0.5f, categorical: true), 1, 2, "lightgbm"));

        Assert.Contains("categorical split", error.Message);
    }

    [Fact]
    public void AThresholdWithoutAFiniteNextFloatFailsTheExport()
    {
        var error = Assert.Throws<TrainyardException>(() => TreeEnsembleExport.Convert(Stump(float.MaxValue), 1, 2, "lightgbm"));

        Assert.Contains("cannot hold exactly", error.Message);
    }

    [Fact]
    public void ASplitOnAFeatureOutsideTheMatrixFailsTheExport()
    {
        var tree = Stump(0.5f) with { Features = [7] };

        Assert.Throws<TrainyardException>(() => TreeEnsembleExport.Convert(tree, 1, 2, "fasttree"));
    }

    [Fact]
    public void ATreeWithoutSplitsAddsZero()
    {
        var empty = new MLNetTree([], [], [], [], [], [0.0], null, [], Round: 0, Group: 0);

        Assert.Equal(0f, TreeEnsembleExport.Convert(empty, 1, 2, "lightgbm").Leaf([1f, 2f]));
    }

    [Fact]
    public void TheBinaryCalibratorIsFoldedIntoTheLeaves()
    {
        // Platt slope −2: p = 1 / (1 + exp(−2·score)); leaves 1 and 2 become margins 2 and 4.
        var exported = TreeEnsembleExport.Convert(Stump(0.5f), scale: 2, 2, "fasttree");
        var scorer = XGBoostScorer.Load(TreeEnsembleExport.Write(TrainingTask.Binary, ["a", "b"], [exported], 0.5f));
        var output = new float[1];

        scorer.Predict([0f, 0f], output);

        Assert.Equal(1 / (1 + Math.Exp(-2.0)), output[0], 6);
    }
}
