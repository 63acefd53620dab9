using Trainyard.Data.Scanning;

namespace Trainyard.Tests.Data.Scanning;

public class HashLineTableTests
{
    [Fact]
    public void AHashSeenAgainReportsAndKeepsTheSmallestLine()
    {
        var table = new HashLineTable();
        Assert.False(table.AddOrKeepSmallest(42, 9, out _));
        Assert.True(table.AddOrKeepSmallest(42, 5, out var before));
        Assert.True(table.AddOrKeepSmallest(42, 7, out var after));
        Assert.Equal((9L, 5L, 1), (before, after, table.Count));
        Assert.Equal((true, 5L), (table.TryGetFirstLine(42, out var first), first));
    }

    [Fact]
    public void ATableMadeForItsCountHoldsItWithoutGrowing()
    {
        var table = new HashLineTable(expectedCount: 5_000);
        var slots = table.Slots;
        var random = new Random(7);
        var keys = Enumerable.Range(0, 5_000).Select(_ => (ulong)random.NextInt64(1, long.MaxValue)).Distinct().ToList();
        for (var i = 0; i < keys.Count; i++) table.AddOrKeepSmallest(keys[i], i + 2, out _);

        Assert.Equal((slots, keys.Count), (table.Slots, table.Count)); // at most half full, as a grown table would be
        Assert.True(slots is >= 10_000 and < 20_000, $"{slots} slots for 5,000 hashes");
        Assert.All(keys.Select((k, i) => (k, i)), e => Assert.Equal((true, e.i + 2L), (table.TryGetFirstLine(e.k, out var line), line)));
        Assert.Equal(1024, new HashLineTable().Slots);
    }

    [Fact]
    public void RemovingHashesKeepsEveryOtherHashFindableWithItsLine()
    {
        // 1,024 slots (at most half full): keys j·1024 + home share a home slot, and homes 1018..1023, 0..5 form one
        // long probe chain that wraps past the end of the table, which removal must not break.
        var keys = new List<ulong>();
        foreach (var home in new ulong[] { 1018, 1019, 1020, 1021, 1022, 1023, 0, 1, 2, 3, 4, 5 })
            for (ulong j = 1; j <= 15; j++) keys.Add(j * 1024 + home);
        var random = new Random(4);
        while (keys.Count < 500) keys.Add((ulong)random.NextInt64(1, long.MaxValue));
        var table = new HashLineTable();
        for (var i = 0; i < keys.Count; i++) table.AddOrKeepSmallest(keys[i], i + 2, out _);

        bool Removed(ulong key) => key % 3 == 0;
        table.RemoveWhere(Removed);

        Assert.Equal(keys.Count(k => !Removed(k)), table.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var found = table.TryGetFirstLine(keys[i], out var line);
            Assert.Equal((!Removed(keys[i]), Removed(keys[i]) ? 0 : i + 2), (found, line));
        }
    }
}
