using System.Text;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

/// <summary>
/// Short categories are found by their bytes (<see cref="ShortValueIndex"/>) instead of their hash; counts and
/// allowed-or-not answers must be those of the hashed path.
/// </summary>
public class ShortValueIndexTests
{
    // Every length from 1 to 17, values differing only in their last byte, a NUL where a shorter value ends, and UTF-8.
    private static readonly string[] Values =
    [
        "a", "b", "a\0", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "level_01", "level_02", "level_1\0",
        "level_10", "level_010", "level_011", "abcdefghijklmn", "abcdefghijklmno", "abcdefghijklmnop",
        "abcdefghijklmnoq", "abcdefghijklmnopq", "é", "né", "\0", "\0\0", "ĉu ĉi tio?",
    ];

    [Fact]
    public void KeysOfDifferentValuesDifferAndLongValuesHaveNone()
    {
        var keys = new HashSet<(ulong, ulong, int)>();
        foreach (var value in Values)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            var hasKey = ShortValueIndex.TryKey(bytes, out var low, out var high);
            Assert.Equal(bytes.Length <= ShortValueIndex.MaxLength, hasKey);
            if (hasKey) Assert.True(keys.Add((low, high, bytes.Length)), $"'{value}' has another value's key");
        }
        Assert.False(ShortValueIndex.TryKey([], out _, out _));
    }

    [Fact]
    public void KeyDoesNotReadPastTheValue()
    {
        var buffer = Encoding.UTF8.GetBytes("level_01,level_02XYZ");
        Assert.True(ShortValueIndex.TryKey(buffer.AsSpan(0, 7), out var low, out var high));
        Assert.True(ShortValueIndex.TryKey(Encoding.UTF8.GetBytes("level_0"), out var expectedLow, out var expectedHigh));
        Assert.Equal((expectedLow, expectedHigh), (low, high));
        Assert.True(ShortValueIndex.TryKey(buffer.AsSpan(9, 11), out low, out high));
        Assert.True(ShortValueIndex.TryKey(Encoding.UTF8.GetBytes("level_02XYZ"), out expectedLow, out expectedHigh));
        Assert.Equal((expectedLow, expectedHigh), (low, high));
    }

    [Fact]
    public void CountsAndAnswersEqualTheHashedPath()
    {
        var allowed = new CountTable();
        foreach (var value in Values.Where((_, i) => i % 3 != 0))
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            allowed.Insert(new Utf8Key(bytes, FieldHash.Of(bytes)), 0);
        }
        var indexed = new CategoryCounts(cap: 100);
        var hashed = new CategoryCounts(cap: 100);
        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(Values[random.Next(Values.Length)]);
            var field = new HashedField(bytes, FieldHash.Of(bytes));
            var expected = hashed.AddAndCheck(field, allowed);
            var answer = indexed.TryAddKnown(bytes, out var known) ? known : indexed.AddAndCheck(field, allowed);
            Assert.Equal(expected, answer);
        }
        Assert.Equal(hashed.ByCount(), indexed.ByCount());
    }

    [Fact]
    public void SamplingPastTheCapDropsTheIndex()
    {
        var allowed = new CountTable();
        var counts = new CategoryCounts(cap: 4);
        for (var round = 0; round < 3; round++)
            foreach (var value in Values.Take(4))
            {
                var bytes = Encoding.UTF8.GetBytes(value);
                if (!counts.TryAddKnown(bytes, out _)) counts.AddAndCheck(new HashedField(bytes, FieldHash.Of(bytes)), allowed);
            }
        Assert.True(counts.TryAddKnown("a"u8, out _));

        var fifth = Encoding.UTF8.GetBytes(Values[4]);
        counts.AddAndCheck(new HashedField(fifth, FieldHash.Of(fifth)), allowed); // past the cap: sampling starts
        Assert.False(counts.IsComplete);
        Assert.False(counts.TryAddKnown("a"u8, out _));
    }
}
