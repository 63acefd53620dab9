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
}
