using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;

namespace Trainyard.Tests.Evaluation;

/// <summary>Expected values: scikit-learn 1.2.1 / scipy on Fixtures' binary rows with the NaN row removed.</summary>
public sealed class BinaryMetricsTests
{
    private static BinaryMetrics Measure() => BinaryMeasure.Compute(Fixtures.BinaryLabels, Fixtures.BinaryProbabilities, 0.5);

    [Fact]
    public void RankingMetricsMatchScikitLearnWithTiedScores()
    {
        var m = Measure();

        Assert.Equal(0.6818181818181818, m.Auc!.Value, 12);    // metrics.roc_auc_score(y, p)
        Assert.Equal(0.6298153235653235, m.PrAuc!.Value, 12);  // metrics.average_precision_score(y, p)
        Assert.Equal(0.36363636363636365, m.Ks!.Value, 12);    // scipy.stats.ks_2samp(p[y==1], p[y==0]).statistic
    }

    [Fact]
    public void ProbabilityMetricsMatchScikitLearn()
    {
        var m = Measure();

        Assert.Equal(0.653721584531616, m.LogLoss!.Value, 12);     // metrics.log_loss(y, p)
        Assert.Equal(0.23475789473684214, m.Brier!.Value, 12);    // metrics.brier_score_loss(y, p)
    }

    [Fact]
    public void ThresholdMetricsAndConfusionMatchScikitLearn()
    {
        var m = Measure();

        // pred = (p >= 0.5).astype(int); metrics.accuracy_score / precision_score / recall_score / f1_score(y, pred)
        Assert.Equal(0.5789473684210527, m.Accuracy!.Value, 12);
        Assert.Equal(0.5, m.Precision!.Value, 12);
        Assert.Equal(0.5, m.Recall!.Value, 12);
        Assert.Equal(0.5, m.F1!.Value, 12);
        // metrics.confusion_matrix(y, pred).ravel() → [7 4 4 4]
        Assert.Equal(new ConfusionCounts(7, 4, 4, 4), m.Confusion);
    }

    [Fact]
    public void MissingProbabilitiesAreExcludedAndCounted()
    {
        var m = Measure();

        Assert.Equal(19, m.Rows);
        Assert.Equal(1, m.MissingPredictions);
        Assert.Equal(8, m.Positives);
        Assert.Empty(m.Undefined);
    }

    [Fact]
    public void LiftByDecileMatchesNumpyArraySplitOfTheStableDescendingOrder()
    {
        var lift = Measure().Lift;

        // order = np.argsort(-p, kind="stable"); parts = np.array_split(order, 10); lift = y[d].mean() / y.mean()
        Assert.Equal([2, 2, 2, 2, 2, 2, 2, 2, 2, 1], lift.Select(d => d.Rows));
        Assert.Equal([1, 2, 0, 1, 1, 1, 1, 1, 0, 0], lift.Select(d => d.Positives));
        Assert.Equal(1.1875, lift[0].Lift, 12);
        Assert.Equal(2.375, lift[1].Lift, 12);
        Assert.Equal(0.375, lift[1].CumulativeGain, 12);
        Assert.Equal(1.78125, lift[1].CumulativeLift, 12);
        Assert.Equal(1.0555555555555556, lift[8].CumulativeLift, 12);
        Assert.Equal(1.0, lift[9].CumulativeGain, 12);
        Assert.Equal(1.1875, Measure().TopDecileLift!.Value, 12);
    }

    [Fact]
    public void CalibrationBinsMatchScikitLearnCalibrationCurve()
    {
        var bins = Measure().Calibration;

        // prob_true, prob_pred = calibration.calibration_curve(y, p, n_bins=10)  (non-empty bins only)
        var filled = bins.Where(b => b.Count > 0).ToArray();
        double[] observed = [0.0, 1.0, 0.5, 0.0, 0.5, 0.3333333333333333, 1.0, 0.5, 1.0];
        double[] predicted = [0.0675, 0.175, 0.3, 0.375, 0.475, 0.6, 0.7, 0.8, 0.9];
        Assert.Equal(observed.Length, filled.Length);
        for (var i = 0; i < filled.Length; i++)
        {
            Assert.Equal(observed[i], filled[i].ObservedRate!.Value, 12);
            Assert.Equal(predicted[i], filled[i].MeanPredicted!.Value, 12);
        }
        // np.bincount(np.searchsorted(np.linspace(0, 1, 11)[1:-1], p), minlength=10): 0.3 and 0.6 sit on edges
        Assert.Equal([4, 2, 2, 2, 2, 3, 1, 2, 1, 0], bins.Select(b => b.Count));
        Assert.Null(bins[9].MeanPredicted);
    }

    [Fact]
    public void SingleClassRowsReportRankingMetricsAsUndefinedWithAReason()
    {
        var m = BinaryMeasure.Compute([0, 0, 0, 0], [0.1, 0.1, 0.05, 0.02], 0.5);

        Assert.Null(m.Auc);
        Assert.Null(m.Ks);
        Assert.Null(m.PrAuc);
        Assert.Null(m.Precision);
        Assert.Null(m.Recall);
        Assert.Equal("no positive labels (only class 0)", m.Undefined["auc"]);
        Assert.Equal("no positive predictions at this threshold", m.Undefined["precision"]);
        Assert.Equal(1.0, m.Accuracy!.Value, 12);
        // metrics.log_loss(y, p, labels=[0, 1]) on slice "c"
        Assert.Equal(0.07055425825518065, m.LogLoss!.Value, 12);
    }

    [Fact]
    public void RowsWithoutAnyPredictionLeaveEveryMetricUndefined()
    {
        var m = BinaryMeasure.Compute([1, 0], [double.NaN, double.NaN], 0.5);

        Assert.Equal((0, 2), (m.Rows, m.MissingPredictions));
        Assert.All(m.Scalars().Values, kv => Assert.Null(kv.Value));
        Assert.All(m.Scalars().Values.Keys, name => Assert.Equal("no rows with a prediction", m.Undefined[name]));
    }
}
