using Trainyard.Monitoring.Estimation;

namespace Trainyard.Tests.Monitoring.Estimation;

public sealed class IsotonicCalibrationTests
{
    // Ties (0.1 with both labels, 0.3 three times, 0.7 twice) and violators (0.1 → 1 then 0.2 → 0, 0.55 → 0).
    static readonly double[] Scores = [0.05, 0.1, 0.1, 0.2, 0.3, 0.3, 0.3, 0.35, 0.4, 0.5, 0.55, 0.6, 0.7, 0.7, 0.8, 0.9, 0.95];
    static readonly int[] Labels = [0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1];

    [Fact]
    public void FitEqualsScikitLearnsOnAFixedSample()
    {
        var calibration = IsotonicCalibration.Fit(Scores, Labels);

        // scikit-learn 1.2.1 (Debian python3-sklearn), IsotonicRegression(out_of_bounds="clip", increasing=True):
        // /usr/bin/python3 tests/Trainyard.Tests/Monitoring/Estimation/expected_values.py → X_thresholds_, y_thresholds_, predict
        double[] x = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.7, 0.8, 0.95];
        double[] y = [0.0, 0.3333333333333333, 0.3333333333333333, 0.4, 0.4, 0.5, 0.5, 0.6666666666666666, 0.6666666666666666, 1.0, 1.0];
        double[] queries = [-1.0, 0.0, 0.05, 0.075, 0.1, 0.25, 0.3, 0.32, 0.5, 0.52, 0.7, 0.75, 0.95, 1.0, 2.0];
        double[] predicted = [0.0, 0.0, 0.0, 0.1666666666666666, 0.3333333333333333, 0.3666666666666667, 0.4, 0.4, 0.5, 0.5,
            0.6666666666666666, 0.8333333333333333, 1.0, 1.0, 1.0];

        Assert.Equal(x, calibration.Thresholds.X);
        Assert.Equal(y, calibration.Thresholds.Y, (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.Equal(predicted, calibration.Apply(queries), (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void ThresholdsRoundTripThroughJson()
    {
        var calibration = IsotonicCalibration.Fit(Scores, Labels);

        var json = calibration.Thresholds.ToJson();
        var back = IsotonicCalibration.From(IsotonicThresholds.FromJson(json));

        Assert.StartsWith("{\"x\":[0.05,0.1,", json);
        Assert.Equal(calibration.Apply([0.01, 0.33, 0.62, 0.99]), back.Apply([0.01, 0.33, 0.62, 0.99]));
    }

    [Fact]
    public void OneDistinctScoreCalibratesEveryScoreToTheLabelRate()
    {
        var calibration = IsotonicCalibration.Fit([0.3, 0.3, 0.3], [0, 1, 1]);

        Assert.Equal(2.0 / 3, calibration.Apply(0.1), 1e-15);
        Assert.Equal(2.0 / 3, calibration.Apply(0.9), 1e-15);
    }

    [Fact]
    public void ScoresCloserThanFloatResolutionArePooledAsScikitLearnDoes()
    {
        // scikit-learn: IsotonicRegression().fit([1e-16, 5e-16, 1.0], [0, 1, 1]) → X_thresholds_ [1e-16, 1.0], y [0.5, 1.0].
        var calibration = IsotonicCalibration.Fit([1e-16, 5e-16, 1.0], [0, 1, 1]);

        Assert.Equal([1e-16, 1.0], calibration.Thresholds.X);
        Assert.Equal([0.5, 1.0], calibration.Thresholds.Y);
    }

    [Fact]
    public void TheFitIsNonDecreasingAndKeepsTheLabelMean()
    {
        var random = new Random(3);
        var scores = Enumerable.Range(0, 500).Select(_ => random.NextDouble()).ToArray();
        var labels = scores.Select(s => random.NextDouble() < s ? 1 : 0).ToArray();

        var calibration = IsotonicCalibration.Fit(scores, labels);
        var fitted = calibration.Apply(scores);

        Assert.All(calibration.Thresholds.Y.Zip(calibration.Thresholds.Y.Skip(1)), pair => Assert.True(pair.First <= pair.Second));
        // A least-squares isotonic fit keeps the weighted mean: the calibrated rate equals the observed label rate.
        Assert.Equal(labels.Average(), fitted.Average(), 1e-12);
    }

    [Fact]
    public void RowsWithoutAScoreAreLeftOutAndALabelOtherThanZeroOrOneIsRefused()
    {
        var calibration = IsotonicCalibration.Fit([0.2, double.NaN, 0.8], [0, 1, 1]);
        var error = Assert.Throws<ArgumentException>(() => IsotonicCalibration.Fit([0.2, 0.8], [0, 2]));

        Assert.Equal([0.2, 0.8], calibration.Thresholds.X);
        Assert.Contains("Row 1: label 2", error.Message);
    }
}
