using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

public class BucketKeyTests
{
    // Stored profiles hold sketches by key, so the fast key must equal the exact formula for every value,
    // including values on and next to bucket boundaries, where only rounding decides the ceiling.
    [Theory]
    [InlineData(0.005)]
    [InlineData(0.01)]
    [InlineData(0.0001)]
    public void FastKeyEqualsTheExactFormula(double accuracy)
    {
        var gamma = (1 + accuracy) / (1 - accuracy);
        var key = new BucketKey(1 / Math.Log(gamma));
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var value = Math.Exp((random.NextDouble() - 0.5) * 1400);
            Assert.Equal(key.Exact(value), key.Of(value));
        }
        for (var k = -5000; k <= 5000; k++)
        {
            var boundary = Math.Pow(gamma, k);
            foreach (var value in new[] { boundary, Math.BitDecrement(boundary), Math.BitIncrement(boundary) })
                Assert.Equal(key.Exact(value), key.Of(value));
        }
        foreach (var value in new[] { 1.0, 2.0, 0.5, 10.0, 1e-310, double.Epsilon, double.MaxValue, 123.456 })
            Assert.Equal(key.Exact(value), key.Of(value));
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.0001)]
    public void BatchKeysEqualOneAtATime(double accuracy)
    {
        var gamma = (1 + accuracy) / (1 - accuracy);
        var key = new BucketKey(1 / Math.Log(gamma));
        var random = new Random(11);
        var values = new List<double>();
        for (var i = 0; i < 100_000; i++) values.Add((random.Next(2) == 0 ? -1 : 1) * Math.Exp((random.NextDouble() - 0.5) * 1400));
        for (var k = -3000; k <= 3000; k++)
        {
            var boundary = Math.Pow(gamma, k);
            values.AddRange([boundary, Math.BitDecrement(boundary), Math.BitIncrement(boundary), -boundary]);
        }
        values.AddRange([1.0, 2.0, Math.Sqrt(2), Math.BitIncrement(Math.Sqrt(2)), 1e-310, -double.Epsilon, double.MaxValue, 123.456, 0.0, -0.0, 7.0]);
        var keys = new long[values.Count];
        key.Of(values.ToArray(), keys);
        for (var i = 0; i < values.Count; i++)
            if (values[i] != 0) Assert.True(key.Of(Math.Abs(values[i])) == keys[i], $"{values[i]:R}: {keys[i]} instead of {key.Of(Math.Abs(values[i]))}");
    }
}
