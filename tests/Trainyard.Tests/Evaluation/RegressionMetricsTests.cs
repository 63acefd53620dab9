using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;

namespace Trainyard.Tests.Evaluation;

/// <summary>
/// Expected values: scikit-learn 1.2.1 on Fixtures' regression rows with the NaN row removed:
/// <c>k = ~np.isnan(p); y, p = y[k], p[k]</c>.
/// </summary>
public sealed class RegressionMetricsTests
{
    private static RegressionMetrics Measure() => RegressionMeasure.Compute(Fixtures.RegressionLabels, Fixtures.RegressionPredictions);

    [Fact]
    public void ErrorMetricsMatchScikitLearn()
    {
        var m = Measure();

        Assert.Equal(0.7371114795831994, m.Rmse!.Value, 12);  // metrics.mean_squared_error(y, p, squared=False)
        Assert.Equal(0.6111111111111112, m.Mae!.Value, 12);   // metrics.mean_absolute_error(y, p)
        Assert.Equal(0.9686569715270557, m.R2!.Value, 12);    // metrics.r2_score(y, p)
        Assert.Equal((9, 1), (m.Rows, m.MissingPredictions));
    }

    [Fact]
    public void MapeSkipsZeroLabelsAndCountsThem()
    {
        var m = Measure();

        // nz = y != 0; metrics.mean_absolute_percentage_error(y[nz], p[nz])
        Assert.Equal(0.15867929884323329, m.Mape!.Value, 12);
        Assert.Equal(2, m.MapeSkippedZeroLabels);
    }

    [Fact]
    public void ResidualQuantilesMatchNumpy()
    {
        // np.quantile(y - p, [0.05, 0.25, 0.5, 0.75, 0.95])
        double[] expected = [-1.1, -0.5, -0.3, 0.40000000000000036, 0.9199999999999999];

        var quantiles = Measure().ResidualQuantiles;

        Assert.Equal([0.05, 0.25, 0.5, 0.75, 0.95], quantiles.Select(q => q.Quantile));
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], quantiles[i].Value, 12);
    }

    [Fact]
    public void OnlyZeroLabelsAndConstantLabelsLeaveMapeAndR2Undefined()
    {
        var m = RegressionMeasure.Compute([0, 0, 0], [0.5, -0.5, 0]);

        Assert.Null(m.Mape);
        Assert.Null(m.R2);
        Assert.Equal("every label is 0", m.Undefined["mape"]);
        Assert.Contains("constant", m.Undefined["r2"]);
        Assert.Equal(0.408248290463863, m.Rmse!.Value, 12);  // metrics.mean_squared_error([0,0,0], [0.5,-0.5,0], squared=False)
    }
}
