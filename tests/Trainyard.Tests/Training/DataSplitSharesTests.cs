using Trainyard.Pipelines;
using Trainyard.Training;

namespace Trainyard.Tests.Training;

/// <summary>The split's row counts and its own random generator.</summary>
public class DataSplitSharesTests
{
    [Theory]
    [InlineData(25, 0.1, 3)]   // 2.5 rounds up
    [InlineData(10, 0.25, 3)]  // 2.5
    [InlineData(15, 0.1, 2)]   // 1.5
    [InlineData(14, 0.1, 1)]   // 1.4
    [InlineData(1000, 0.2, 200)]
    [InlineData(3, 0.1, 0)]
    public void ShareRoundsToTheNearestRowWithHalvesUp(int rows, double share, int expected)
    {
        Assert.Equal(expected, DataSplitShares.Of(rows, share));
    }

    [Theory]
    [InlineData(0.2, 0.1, 5)]   // 5 rows: 1 test, 1 validation (0.5 → 1), 3 train
    [InlineData(0.3, 0.3, 3)]   // 2 rows would give 1 test, 1 validation, no train
    [InlineData(0.02, 0.01, 50)]
    public void MinimumRowsPutsARowIntoEachPart(double test, double validation, int expected)
    {
        var spec = new SplitSpec { TestShare = test, ValidationShare = validation };

        var minimum = DataSplitShares.MinimumRows(spec);

        Assert.Equal(expected, minimum);
        Assert.True(DataSplitShares.Counts(minimum, spec) is { Train: > 0, Validation: > 0, Test: > 0 });
        Assert.False(DataSplitShares.Counts(minimum - 1, spec) is { Train: > 0, Validation: > 0, Test: > 0 });
    }

    [Fact]
    public void GeneratorMatchesTheSplitMix64ReferenceOutput()
    {
        var random = new DataSplitRandom(0);

        Assert.Equal([0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL], new[] { random.Next(), random.Next(), random.Next() });
    }

    [Fact]
    public void BelowIsPinnedForSeed42AndStaysInRange()
    {
        var random = new DataSplitRandom(42);

        Assert.Equal([7, 1, 2, 3, 0], Enumerable.Range(0, 5).Select(_ => random.Below(10)).ToArray());
        for (var i = 0; i < 1000; i++)
            Assert.InRange(random.Below(3), 0, 2);
    }

    [Fact]
    public void ShuffleIsAPermutation()
    {
        var random = new DataSplitRandom(5);
        var items = Enumerable.Range(0, 100).ToArray();

        random.Shuffle(items);

        Assert.NotEqual(Enumerable.Range(0, 100), items);
        Assert.Equal(Enumerable.Range(0, 100), items.Order());
    }
}
