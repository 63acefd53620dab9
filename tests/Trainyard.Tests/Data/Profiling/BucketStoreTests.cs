using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

/// <summary>A batch of keys (<see cref="BucketStore.AddKeys"/>) and a batch of values must count as one at a time does.</summary>
public class BucketStoreTests
{
    [Theory]
    [InlineData(2048, 50)]      // every key inside one window
    [InlineData(64, 2_000)]     // keys spread far wider than the window: collapsing in both directions
    public void KeysInABatchCountAsOneAtATime(int maxBuckets, int spread)
    {
        var random = new Random(11);
        var batched = new BucketStore(maxBuckets);
        var single = new BucketStore(maxBuckets);
        for (var batch = 0; batch < 40; batch++)
        {
            var keys = Enumerable.Range(0, random.Next(0, 600)).Select(_ => random.Next(-spread, spread) + batch * 7).ToArray();
            batched.AddKeys(keys);
            foreach (var key in keys) single.Add(key);
        }
        Assert.Equal(single.Total, batched.Total);
        Assert.Equal(single.Ascending().ToArray(), batched.Ascending().ToArray());
    }

    [Fact]
    public void SketchOfABatchWithMixedSignsAndZerosEqualsOneValueAtATime()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 5_000).Select(i => i % 7 == 0 ? 0.0 : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9))).ToArray();
        var batched = new QuantileSketch(0.01, 256);
        var single = new QuantileSketch(0.01, 256);
        for (var i = 0; i < values.Length; i += 512) batched.Add(values.AsSpan(i, Math.Min(512, values.Length - i)));
        foreach (var value in values) single.Add(value);
        Assert.Equal(single.ZeroCount, batched.ZeroCount);
        Assert.Equal(single.Positive.Ascending().ToArray(), batched.Positive.Ascending().ToArray());
        Assert.Equal(single.Negative.Ascending().ToArray(), batched.Negative.Ascending().ToArray());
    }
}
