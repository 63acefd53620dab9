using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

public class MomentsTests
{
    // Expected: numpy a.mean(), a.std(ddof=1), a.min(), a.max() over the GeneratedValues series (100,000 values).
    [Theory]
    [InlineData("heavy", 6.709901653769989, 29.175241924633383, 0.9990042377998737, 997.5051254312356)]
    [InlineData("signed", -424.8797396919333, 2715.0934183504014, -29985.99174966115, 693.0689610668538)]
    public void MeanAndSampleStandardDeviationMatchNumpy(string data, double mean, double std, double min, double max)
    {
        var moments = new Moments();
        foreach (var value in data == "heavy" ? GeneratedValues.Heavy(100_000) : GeneratedValues.Signed(100_000)) moments.Add(value);

        Assert.Equal(100_000, moments.Count);
        Assert.Equal(mean, moments.Mean!.Value, Math.Abs(mean) * 1e-13);
        Assert.Equal(std, moments.StandardDeviation!.Value, std * 1e-13);
        Assert.Equal(min, moments.Min);
        Assert.Equal(max, moments.Max);
    }

    [Fact]
    public void VarianceSurvivesALargeOffsetWhereNaiveSumsCancel()
    {
        // 1e9 + {1, 2, 3, 4}: sample variance 5/3 exactly; Σx² − (Σx)²/n in doubles loses every digit here.
        var moments = new Moments();
        foreach (var value in new[] { 1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4 }) moments.Add(value);

        Assert.Equal(5.0 / 3.0, moments.Variance!.Value);
        Assert.Equal(1e9 + 2.5, moments.Mean!.Value);
    }

    [Fact]
    public void BatchesEqualOneValueAtATimeBitForBit()
    {
        // Runs longer than the batch's 1024-value integer sums; zeros, subnormals, extremes and both signs.
        var values = GeneratedValues.Signed(5_000).Concat(GeneratedValues.Heavy(5_000))
            .Concat([0.0, -0.0, double.Epsilon, -double.Epsilon, 2.2250738585072014E-308, double.MaxValue, -double.MaxValue / 3, 1e-300, 7e300])
            .ToArray();
        var one = new Moments();
        foreach (var value in values) one.Add(value);
        var batched = new Moments();
        batched.Add(values.AsSpan(0, 3000));
        batched.Add(values.AsSpan(3000));

        Assert.Equal(one.Count, batched.Count);
        Assert.Equal((one.Min, one.Max), (batched.Min, batched.Max));
        Assert.Equal(BitConverter.DoubleToInt64Bits(one.Mean!.Value), BitConverter.DoubleToInt64Bits(batched.Mean!.Value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(one.Variance!.Value), BitConverter.DoubleToInt64Bits(batched.Variance!.Value));
    }

    [Theory]
    [InlineData(-9007199254740991.0)] // 2^53 − 1: the largest mantissa, so full runs reach the integer sums' bounds
    [InlineData(1.9999999999999998)]  // the same mantissa at exponent 0
    public void FullRunsOfTheLargestMantissaEqualOneValueAtATimeBitForBit(double value)
    {
        var values = Enumerable.Repeat(value, 3_000).ToArray();
        var one = new Moments();
        foreach (var v in values) one.Add(v);
        var batched = new Moments();
        batched.Add(values);

        Assert.Equal(BitConverter.DoubleToInt64Bits(one.Mean!.Value), BitConverter.DoubleToInt64Bits(batched.Mean!.Value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(one.Variance!.Value), BitConverter.DoubleToInt64Bits(batched.Variance!.Value));
        Assert.Equal(value, batched.Mean); // n copies of a value: its mean is the value, exactly
        Assert.Equal(0.0, batched.Variance);
    }

    [Theory]
    [InlineData(new[] { 0.0, -0.0, 0.0 })]                                        // a run of zeros only: nothing to fold
    [InlineData(new[] { 0.0, 4.9406564584124654E-324, -0.0, 3.0, 0.0, -1e-310 })] // zeros beside subnormals (exponent 0 too)
    [InlineData(new[] { 5.5, 0.0, -7.25, 0.0, 1e300 })]
    public void ZerosInABatchEqualOneValueAtATimeBitForBit(double[] values)
    {
        var one = new Moments();
        foreach (var value in values) one.Add(value);
        var batched = new Moments();
        batched.Add(values);

        Assert.Equal((one.Count, one.Min, one.Max), (batched.Count, batched.Min, batched.Max));
        Assert.Equal(BitConverter.DoubleToInt64Bits(one.Mean!.Value), BitConverter.DoubleToInt64Bits(batched.Mean!.Value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(one.Variance!.Value), BitConverter.DoubleToInt64Bits(batched.Variance!.Value));
    }

    [Fact]
    public void MergedMomentsEqualOnePassBitForBit()
    {
        var values = GeneratedValues.Signed(10_000);
        var whole = new Moments();
        foreach (var value in values) whole.Add(value);
        var parts = Enumerable.Range(0, 3).Select(_ => new Moments()).ToArray();
        for (var i = 0; i < values.Length; i++) parts[(i * 7) % 3].Add(values[i]);
        parts[2].Merge(parts[0]);
        parts[2].Merge(parts[1]);

        Assert.Equal(whole.Mean, parts[2].Mean);
        Assert.Equal(whole.Variance, parts[2].Variance);
    }

    [Fact]
    public void FewerThanTwoValuesHaveNoStandardDeviation()
    {
        var moments = new Moments();
        Assert.Null(moments.Mean);
        moments.Add(3.5);
        Assert.Equal(3.5, moments.Mean);
        Assert.Null(moments.StandardDeviation);
    }
}
