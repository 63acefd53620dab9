using Trainyard.Monitoring.Estimation;
using Trainyard.Training;

namespace Trainyard.Tests.Monitoring.Estimation;

/// <summary>
/// CBPE against NannyML's formulas. Expected numbers: /usr/bin/python3 tests/Trainyard.Tests/Monitoring/Estimation/expected_values.py
/// (scikit-learn 1.2.1's isotonic fit, NannyML's estimate_* functions written in numpy); the rows are integer
/// arithmetic repeated here and there exactly.
/// </summary>
public sealed class ConfidenceBasedEstimateTests
{
    static double[] ReferenceScores => [.. Enumerable.Range(0, 200).Select(i => ((i * 37) % 200 + 0.5) / 200)];
    static int[] ReferenceLabels => [.. ReferenceScores.Select((s, i) => ((i * 53) % 97) / 97.0 < s * s ? 1 : 0)];
    static double[] MonitoredScores => [.. Enumerable.Range(0, 60).Select(j => (2 * j + 1) / 120.0)];

    static double[] Row(int a, int b, int c) => [(double)a / (a + b + c), (double)b / (a + b + c), (double)c / (a + b + c)];

    [Fact]
    public void BinaryEstimateEqualsNannyMLsFormulas()
    {
        var calibration = IsotonicCalibration.Fit(ReferenceScores, ReferenceLabels);

        var estimate = ConfidenceBasedEstimate.Binary(calibration, MonitoredScores, threshold: 0.5);

        Assert.Equal(60, estimate.Rows);
        Assert.Equal(15.966269841269838, estimate.TruePositives, 1e-12);
        Assert.Equal(14.03373015873016, estimate.FalsePositives, 1e-12);
        Assert.Equal(26.87698412698413, estimate.TrueNegatives, 1e-12);
        Assert.Equal(3.1230158730158726, estimate.FalseNegatives, 1e-12);
        Assert.Equal(0.7140542328042329, estimate.Accuracy!.Value, 1e-12);
        Assert.Equal(0.5322089947089946, estimate.Precision!.Value, 1e-12);
        Assert.Equal(0.8363995426670824, estimate.Recall!.Value, 1e-12);
        Assert.Equal(0.6504991714158683, estimate.F1!.Value, 1e-12);
        // NannyML's estimate_roc_auc rounds its cumulative sums to 5 decimals (0.859453014761729); the same curve
        // unrounded is scikit-learn's roc_auc_score with each row a positive of weight p and a negative of weight 1 − p.
        Assert.Equal(0.8594532203058104, estimate.Auc!.Value, 1e-12);
        Assert.Equal(0.859453014761729, estimate.Auc!.Value, 1e-6);
        Assert.Equal(["accuracy", "auc", "f1", "precision", "recall"], estimate.Metrics.Keys.Order());
    }

    [Fact]
    public void MulticlassEstimateEqualsNannyMLsOneVsRestMacroFormulas()
    {
        var reference = Enumerable.Range(0, 300).Select(i => Row((i * 7) % 11 + 1, (i * 5) % 13 + 1, (i * 3) % 7 + 1)).ToArray();
        var labels = reference.Select((r, i) => ((i * 31) % 100) / 100.0 is var u && u < r[0] ? 0 : u < r[0] + r[1] ? 1 : 2).ToArray();
        var monitored = Enumerable.Range(0, 80).Select(j => Row((j * 3) % 5 + 2, (j * 7) % 4 + 1, j % 3 + 1)).ToArray();

        var estimate = ConfidenceBasedEstimate.Multiclass(IsotonicCalibration.FitOneVsRest(labels, reference, 3), monitored);

        Assert.Equal(80, estimate.Rows);
        Assert.Equal(0.5100846321363196, estimate.Accuracy!.Value, 1e-12);
        Assert.Equal(0.46614941860046444, estimate.MacroPrecision!.Value, 1e-12);
        Assert.Equal(0.3930895428106218, estimate.MacroRecall!.Value, 1e-12);
        Assert.Equal(0.35193021305184985, estimate.MacroF1!.Value, 1e-12);
        // The monitored rows repeat, so NannyML's AUC (0.6334354183100654) depends on argsort's order within ties;
        // with equal scores as one point of the curve it is 0.6334066059703255.
        Assert.Equal(0.6334066059703255, estimate.MacroAuc!.Value, 1e-12);
        Assert.Equal(3, estimate.Classes.Count);
    }

    [Fact]
    public void WithCertainProbabilitiesTheExpectedAucIsTheAucOfThoseLabels()
    {
        var random = new Random(5);
        var scores = Enumerable.Range(0, 300).Select(_ => Math.Round(random.NextDouble(), 2)).ToArray(); // ties on purpose
        var labels = scores.Select(s => random.NextDouble() < s ? 1 : 0).ToArray();

        var expected = ExpectedRocAuc.Of(scores, labels.Select(l => (double)l).ToArray());

        Assert.Equal(RocCurve.From(labels, scores).Auc()!.Value, expected!.Value, 1e-12);
    }

    [Fact]
    public void NoExpectedPositivesLeavesAucAndPrecisionUndefined()
    {
        var calibration = IsotonicCalibration.Fit([0.1, 0.2, 0.3], [0, 0, 0]);

        var estimate = ConfidenceBasedEstimate.Binary(calibration, [0.1, 0.9, double.NaN], threshold: 0.5);

        Assert.Equal(2, estimate.Rows);
        Assert.Null(estimate.Auc);
        Assert.Null(estimate.Recall);
        Assert.Equal(0.0, estimate.Precision);
        Assert.Equal(0.5, estimate.Accuracy);
    }
}
