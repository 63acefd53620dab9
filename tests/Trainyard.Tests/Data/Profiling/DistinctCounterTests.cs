using System.Text;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

public class DistinctCounterTests
{
    private static ulong Hash(string value) => FieldHash.Of(Encoding.UTF8.GetBytes(value));

    [Fact]
    public void CountsExactlyUpToTheCapAndIgnoresRepeats()
    {
        var counter = new DistinctCounter(exactCap: 10_000, precision: 14);
        for (var repeat = 0; repeat < 3; repeat++)
            for (var i = 0; i < 10_000; i++) counter.Add(Hash($"user-{i}"));

        Assert.True(counter.IsExact);
        Assert.Equal(10_000, counter.Count);
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void HyperLogLogEstimateIsWithinThreeStandardErrors(int distinct)
    {
        var counter = new DistinctCounter(exactCap: 10_000, precision: 14);
        for (var i = 0; i < distinct; i++) counter.Add(Hash($"user-{i}"));

        Assert.False(counter.IsExact);
        var bound = 3 * new HyperLogLog(14).StandardError; // 3 × 1.04/√16384 ≈ 2.4%
        var error = Math.Abs(counter.Count - distinct) / (double)distinct;
        Assert.True(error <= bound, $"estimate {counter.Count} for {distinct}: relative error {error:P2} > {bound:P2}");
    }

    [Fact]
    public void WorkersBelowTheCapWhoseUnionExceedsItSwitchToTheEstimateOnMerge()
    {
        var left = new DistinctCounter(exactCap: 1_000, precision: 12);
        var right = new DistinctCounter(exactCap: 1_000, precision: 12);
        for (var i = 0; i < 800; i++) left.Add(Hash($"a{i}"));
        for (var i = 0; i < 800; i++) right.Add(Hash($"b{i}"));

        left.Merge(right);

        Assert.False(left.IsExact);
        Assert.InRange(left.Count, 1600 * 0.95, 1600 * 1.05);
    }

    [Fact]
    public void FieldHashIsFixedAcrossRuns()
    {
        // Profiles written by one run are compared with another's: the hash must never be seeded per process.
        Assert.Equal(FieldHash.Of("owner"u8), FieldHash.Of(Encoding.UTF8.GetBytes("owner")));
        // Pinned values from an independent Python port of FieldHash (one tail block; two blocks plus a tail).
        Assert.Equal(0x98B913716941D1B6UL, FieldHash.Of("owner"u8));
        Assert.Equal(0xA1D7883091879CA5UL, FieldHash.Of("credit-risk-model"u8));
        Assert.NotEqual(FieldHash.Of("ab"u8), FieldHash.Of("ba"u8));
        Assert.NotEqual(FieldHash.Of(""u8), FieldHash.Of("\0"u8));
    }

    [Fact]
    public void FieldHashReadsEveryTailLengthAsTheByteByByteDefinition()
    {
        // The tail is read with overlapping word loads; it must equal the little-endian number of the last bytes.
        var bytes = Enumerable.Range(0, 24).Select(i => (byte)(i * 37 + 200)).ToArray();
        for (var length = 0; length <= bytes.Length; length++)
            Assert.Equal(Reference(bytes.AsSpan(0, length)), FieldHash.Of(bytes.AsSpan(0, length)));
    }

    private static ulong Reference(ReadOnlySpan<byte> bytes)
    {
        static ulong Step(ulong hash, ulong block) =>
            System.Numerics.BitOperations.RotateLeft(hash ^ System.Numerics.BitOperations.RotateLeft(block * 0xC2B2AE3D27D4EB4F, 31) * 0x9E3779B97F4A7C15, 27)
            * 0x9E3779B97F4A7C15 + 0x165667B19E3779F9;
        var hash = 0x165667B19E3779F9 ^ ((ulong)bytes.Length * 0x9E3779B97F4A7C15);
        for (; bytes.Length >= 8; bytes = bytes[8..]) hash = Step(hash, BitConverter.ToUInt64(bytes));
        ulong tail = 0;
        for (var i = bytes.Length - 1; i >= 0; i--) tail = (tail << 8) | bytes[i];
        if (!bytes.IsEmpty) hash = Step(hash, tail);
        hash = (hash ^ (hash >> 33)) * 0xFF51AFD7ED558CCD;
        hash = (hash ^ (hash >> 33)) * 0xC4CEB9FE1A85EC53;
        return hash ^ (hash >> 33);
    }
}
