using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

public class QuantileSketchTests
{
    private static readonly double[] Points = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

    // Expected: numpy 1.x, np.quantile(a, Points, method="lower") over the same 100,000 values built in Python with
    // the SplitMix64 recipe in GeneratedValues (heavy: 1/(u+1e-3), seed 1; signed: (u-0.3)*1000/(u+0.01), seed 2, every 100th 0).
    // "lower" is the value at rank floor(q*(n-1)), which is what DDSketch bounds.
    private static readonly double[] HeavyExpected =
        [1.0087892573268704, 1.0508097400691425, 1.329928469196491, 1.9946133241078294, 3.968912006384422, 19.223160671047598, 87.51537179659022];

    private static readonly double[] SignedExpected =
        [-14350.90997209889, -4138.318721883498, -181.53239292320907, 387.4796319562611, 590.1273976976248, 677.2350523667085, 689.9405361025904];

    public static TheoryData<string, double> Accuracies => new() { { "heavy", 0.005 }, { "heavy", 0.01 }, { "signed", 0.005 }, { "signed", 0.01 } };

    [Theory]
    [MemberData(nameof(Accuracies))]
    public void QuantilesAreWithinTheRelativeAccuracyOfNumpy(string data, double accuracy)
    {
        var (values, expected) = data == "heavy" ? (GeneratedValues.Heavy(100_000), HeavyExpected) : (GeneratedValues.Signed(100_000), SignedExpected);
        var sketch = new QuantileSketch(accuracy, 2048);
        foreach (var value in values) sketch.Add(value);

        Assert.Equal(100_000, sketch.Count);
        for (var i = 0; i < Points.Length; i++)
        {
            var error = Math.Abs(sketch.Quantile(Points[i]) - expected[i]);
            Assert.True(error <= accuracy * Math.Abs(expected[i]) * (1 + 1e-9),
                $"q={Points[i]}: sketch {sketch.Quantile(Points[i])}, numpy {expected[i]}, relative error {error / Math.Abs(expected[i])}");
        }
    }

    [Fact]
    public void BucketCountStaysBoundedByCollapsingTheSmallestMagnitudes()
    {
        var sketch = new QuantileSketch(0.01, maxBuckets: 100);
        for (var exponent = -300; exponent <= 300; exponent++) sketch.Add(Math.Pow(10, exponent));

        var keys = sketch.Positive.Ascending().ToArray();
        Assert.True(keys[^1].Key - keys[0].Key < 100, $"window spans {keys[^1].Key - keys[0].Key + 1} keys");
        Assert.Equal(601, sketch.Count);
        // The largest values are still answered within accuracy; the collapsed small ones are pushed up.
        Assert.InRange(sketch.Quantile(1.0), 1e300 * 0.99, 1e300 * 1.01);
    }

    [Fact]
    public void CdfOfTheDistributionMatchesTheShareOfValuesBelow()
    {
        var values = GeneratedValues.Heavy(100_000);
        var profile = GeneratedValues.Accumulate(values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))).ToProfile();
        var distribution = profile.NumericDistribution()!;

        foreach (var x in new[] { 1.2, 2.0, 5.0, 50.0 })
        {
            var exact = values.Count(v => v <= x) / (double)values.Length;
            Assert.InRange(distribution.Cdf(x), exact - 0.005, exact + 0.005);
        }
        Assert.Equal(0, distribution.Cdf(0.5));
        Assert.Equal(1, distribution.Cdf(1000));
        Assert.Equal(values.Min(), distribution.Quantile(0));
        Assert.Equal(values.Max(), distribution.Quantile(1));
    }
}
