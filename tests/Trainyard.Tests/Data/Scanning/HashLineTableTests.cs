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

    [Fact]
    public void TablesSharingMemoryStartEmptyWhateverItHeldAndKeepTheirHashesApart()
    {
        // Memory as a reused pinned array may hold it: every byte 0xFF, which as an entry reads as a stored hash.
        var memory = new byte[4 * 1024 * 16 + 16];
        Array.Fill(memory, (byte)0xFF);
        var tables = HashLineTable.Over(new ArraySegment<byte>(memory, 16, 4 * 1024 * 16), count: 4, slots: 1024);

        Assert.All(tables, t => Assert.False(t.TryGetFirstLine(0xFFFF_FFFF_FFFF_FFFF, out _)));
        for (var t = 0; t < 4; t++)
            for (ulong k = 1; k <= 300; k++) tables[t].AddOrKeepSmallest(k * 4 + (ulong)t, (long)k, out _);
        // A table past its share grows into an array of its own and leaves its neighbours' slots alone.
        for (ulong k = 301; k <= 2_000; k++) tables[1].AddOrKeepSmallest(k * 4 + 1, (long)k, out _);

        Assert.Equal([300, 2_000, 300, 300], tables.Select(t => t.Count));
        Assert.Equal(4096, tables[1].Slots);
        for (var t = 0; t < 4; t++)
            for (ulong k = 1; k <= 300; k++)
                for (var other = 0; other < 4; other++)
                    Assert.Equal((other == t, other == t ? (long)k : 0), (tables[other].TryGetFirstLine(k * 4 + (ulong)t, out var line), line));
        Assert.Equal(0xFF, memory[15]); // the bytes before the tables' part are not theirs
    }

    [Fact]
    public void TablesMadeTogetherForALargeFileAreEachMadeForItsCount()
    {
        // 64 tables × 2 × 10,000 → 32,768 slots × 16 bytes = 32 MB, in one huge-page array; a small file's are 1 MB.
        var large = HashLineTable.MakeShared(64, 10_000);
        var small = HashLineTable.MakeShared(64, 100);

        Assert.All(large, t => Assert.Equal(32_768, t.Slots));
        Assert.All(small, t => Assert.Equal(1_024, t.Slots));
        large[63].AddOrKeepSmallest(12345, 7, out _);
        Assert.Equal((true, 7L), (large[63].TryGetFirstLine(12345, out var line), line));
        Assert.False(large[62].TryGetFirstLine(12345, out _));
    }
}
