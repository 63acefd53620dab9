using Trainyard.Artifacts;
using Trainyard.Monitoring.Estimation;

namespace Trainyard.Tests.Monitoring.Estimation;

public sealed class TestSplitCalibrationTests
{
    [Fact]
    public void BinaryPredictionsCalibrateThePositiveClass()
    {
        var predictions = new PredictionsFile(["line", "label", "prediction", "probability_good", "probability_bad"],
        [
            ["2", "good", "good", "0.9", "0.1"], ["3", "bad", "good", "0.7", "0.3"], ["4", "good", "bad", "0.4", "0.6"],
            ["5", "bad", "bad", "0.2", "0.8"], ["6", "good", "", "", ""],
        ]);

        var calibrations = TestSplitCalibration.Fit(predictions);

        var expected = IsotonicCalibration.Fit([0.1, 0.3, 0.6, 0.8], [0, 1, 0, 1]);
        Assert.Single(calibrations);
        Assert.Equal(expected.Thresholds.X, calibrations[0].Thresholds.X);
        Assert.Equal(expected.Thresholds.Y, calibrations[0].Thresholds.Y);
    }

    [Fact]
    public void MulticlassPredictionsCalibrateEachClassOneVsRest()
    {
        var predictions = new PredictionsFile(["line", "label", "prediction", "probability_a", "probability_b", "probability_c"],
        [
            ["2", "a", "a", "0.7", "0.2", "0.1"], ["3", "b", "a", "0.5", "0.4", "0.1"], ["4", "c", "c", "0.1", "0.2", "0.7"],
            ["5", "b", "b", "0.2", "0.6", "0.2"], ["6", "", "a", "0.8", "0.1", "0.1"],
        ]);

        var calibrations = TestSplitCalibration.Fit(predictions);

        var classB = IsotonicCalibration.Fit([0.2, 0.4, 0.2, 0.6], [0, 1, 0, 1]);
        Assert.Equal(3, calibrations.Count);
        Assert.Equal(classB.Thresholds.X, calibrations[1].Thresholds.X);
        Assert.Equal(classB.Thresholds.Y, calibrations[1].Thresholds.Y);
    }

    [Fact]
    public void RegressionPredictionsAreRefused()
    {
        var predictions = new PredictionsFile(["line", "label", "prediction"], [["2", "1.5", "1.4"]]);

        var error = Assert.Throws<ArgumentException>(() => TestSplitCalibration.Fit(predictions));

        Assert.Contains("only a classifier", error.Message);
    }
}
