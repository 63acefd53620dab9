using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;

namespace Trainyard.Tests.Evaluation;

/// <summary>
/// Expected values: scikit-learn 1.2.1 on Fixtures' multiclass rows with the NaN row removed:
/// <c>k = ~np.isnan(P).any(axis=1); y, P = y[k], P[k]; pred = P.argmax(axis=1)</c>.
/// </summary>
public sealed class MulticlassMetricsTests
{
    private static MulticlassMetrics Measure() =>
        MulticlassMeasure.Compute(Fixtures.MulticlassLabels, Fixtures.MulticlassProbabilities, Fixtures.Species);

    [Fact]
    public void SummaryMetricsMatchScikitLearn()
    {
        var m = Measure();

        Assert.Equal(0.6363636363636364, m.Accuracy!.Value, 12);    // metrics.accuracy_score(y, pred)
        Assert.Equal(0.6055555555555555, m.MacroF1!.Value, 12);     // metrics.f1_score(y, pred, average="macro")
        Assert.Equal(0.6242424242424242, m.WeightedF1!.Value, 12);  // metrics.f1_score(y, pred, average="weighted")
        Assert.Equal(0.7947653553577065, m.LogLoss!.Value, 12);     // metrics.log_loss(y, P, labels=[0, 1, 2])
        Assert.Equal((11, 1), (m.Rows, m.MissingPredictions));
    }

    [Fact]
    public void PerClassMetricsAndConfusionMatchScikitLearn()
    {
        var m = Measure();

        // metrics.precision_recall_fscore_support(y, pred, labels=[0, 1, 2])
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], m.Classes.Select(c => c.Name));
        double[] precision = [0.6, 0.5, 0.75], recall = [0.75, 0.3333333333333333, 0.75], f1 = [0.6666666666666665, 0.4, 0.75];
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(precision[c], m.Classes[c].Precision!.Value, 12);
            Assert.Equal(recall[c], m.Classes[c].Recall!.Value, 12);
            Assert.Equal(f1[c], m.Classes[c].F1!.Value, 12);
        }
        Assert.Equal([4, 3, 4], m.Classes.Select(c => c.Support));
        // metrics.confusion_matrix(y, pred, labels=[0, 1, 2]).tolist()
        Assert.Equal([[3, 0, 1], [2, 1, 0], [0, 1, 3]], m.ConfusionMatrix.Select(r => r.ToArray()).ToArray());
        Assert.Equal(0.3333333333333333, m.Scalars().Values["class.Chinstrap.recall"]!.Value, 12);
    }

    [Fact]
    public void ClassNeverPredictedHasUndefinedPrecisionAndIsLeftOutOfNothingElse()
    {
        // Gentoo never predicted: precision undefined (scikit-learn would warn and report 0)
        var m = MulticlassMeasure.Compute([0, 1, 2], [[.8, .1, .1], [.1, .8, .1], [.6, .3, .1]], Fixtures.Species);

        var gentoo = m.Classes[2];
        Assert.Null(gentoo.Precision);
        Assert.Equal(0.0, gentoo.Recall);
        Assert.Equal(0.0, gentoo.F1);
        Assert.Equal("no rows predicted as this class", m.Undefined["class.Gentoo.precision"]);
        // metrics.f1_score([0, 1, 2], [0, 1, 0], average="macro") = 0.5555555555555555
        Assert.Equal(0.5555555555555555, m.MacroF1!.Value, 12);
    }
}
