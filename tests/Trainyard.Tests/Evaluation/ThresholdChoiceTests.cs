using Trainyard.Evaluation;
using Trainyard.Pipelines;
using Trainyard.Training;

namespace Trainyard.Tests.Evaluation;

public sealed class ThresholdChoiceTests
{
    private static readonly int[] Labels = [0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0];
    private static readonly double[] Probabilities = [0.1, 0.3, 0.35, 0.4, 0.4, 0.55, 0.6, 0.6, 0.8, 0.2, 0.9, 0.7];

    // ts = np.unique(pv)[::-1]; scores = [metrics.f1_score(yv, (pv >= t).astype(int)) for t in ts]; ts[np.argmax(scores)]
    [Theory]
    [InlineData(ThresholdObjective.F1, 0.35, 0.8)]
    // … metrics.accuracy_score(yv, (pv >= t).astype(int)) …
    [InlineData(ThresholdObjective.Accuracy, 0.35, 0.75)]
    // fpr, tpr, th = metrics.roc_curve(yv, pv, drop_intermediate=False); i = np.argmax(tpr - fpr); th[i], (tpr - fpr)[i]
    [InlineData(ThresholdObjective.Youden, 0.35, 0.5)]
    public void ChosenThresholdMaximisesTheObjectiveOnTheValidationSplit(ThresholdObjective objective, double threshold, double score)
    {
        var choice = DecisionThreshold.For(new EvaluationSpec { ThresholdObjective = objective }, Labels, Probabilities);

        Assert.Equal(threshold, choice.Threshold);
        Assert.Equal(score, choice.ValidationScore!.Value, 12);
        Assert.Equal(("validation", objective, 12), (choice.Source, choice.Objective, choice.ValidationRows));
    }

    [Fact]
    public void EqualObjectiveValuesChooseTheHighestThreshold()
    {
        // accuracy at 0.8, 0.6, 0.4, 0.2 is [0.75, 0.5, 0.75, 0.5]: 0.8 and 0.4 tie
        var choice = DecisionThreshold.Choose(ThresholdObjective.Accuracy, [0, 1, 0, 1], [0.2, 0.4, 0.6, 0.8]);

        Assert.Equal(0.8, choice.Threshold);
    }

    [Fact]
    public void ThresholdFixedInTheSpecIsUsedAsIs()
    {
        var choice = DecisionThreshold.For(new EvaluationSpec { Threshold = 0.3 }, Labels, Probabilities);

        Assert.Equal((0.3, "spec"), (choice.Threshold, choice.Source));
    }

    [Fact]
    public void ValidationSplitWithOneClassFallsBackToOneHalfAndSaysWhy()
    {
        var choice = DecisionThreshold.Choose(ThresholdObjective.Youden, [0, 0, 0], [0.2, double.NaN, 0.7]);

        Assert.Equal((0.5, "default", 2), (choice.Threshold, choice.Source, choice.ValidationRows));
        Assert.Contains("both classes", choice.Note);
    }
}
