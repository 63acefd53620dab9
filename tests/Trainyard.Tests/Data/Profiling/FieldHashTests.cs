using System.Runtime.Intrinsics;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

public class FieldHashTests
{
    // Distinct counts (HyperLogLog's registers) depend on the hash's bits: the 16-byte form must be the same hash.
    [Fact]
    public void SixteenByteFormHashesLikeTheByteForm()
    {
        var random = new Random(5);
        var buffer = new byte[16];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            var length = 1 + i % 16;
            Assert.Equal(FieldHash.Of(buffer.AsSpan(0, length)), FieldHash.OfShort(Vector128.Create(buffer), length));
        }
    }

    [Fact]
    public void BytesAfterTheFieldDoNotChangeItsHash()
    {
        var first = "-12.375,0.5,level_01\n"u8.ToArray();
        var second = "-12.375\n"u8.ToArray().Concat(new byte[8]).ToArray();
        Assert.Equal(FieldHash.OfShort(Vector128.Create(first.AsSpan(0, 16)), 7), FieldHash.OfShort(Vector128.Create(second.AsSpan(0, 16)), 7));
        Assert.Equal(FieldHash.Of("-12.375"u8), FieldHash.OfShort(Vector128.Create(first.AsSpan(0, 16)), 7));
    }
}
