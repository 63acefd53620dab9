using System.Text;
using Trainyard.Data;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

/// <summary>
/// A declared categorical column's batch loop counts known short values by one 16-byte load each and hands every
/// other field (new, not allowed, long, copied, near the chunk's end) to the per-field path: its profile and
/// violations must be those of adding the fields one at a time (the expected side, which never uses the index).
/// </summary>
public class CategoryBatchTests
{
    private static readonly ColumnSchema Declared = new()
    {
        Name = "c", Type = ColumnType.Categorical,
        Categories = ["a", "level_00", "level_01", "level_02", "exactly_16_bytes", "a_category_longer_than_16"],
    };

    [Theory]
    [InlineData(1_000)] // the table stays complete: known values take the batch loop
    [InlineData(12)]    // the cap is passed mid-batch: sampling starts and the index is dropped
    public void BatchOfFieldsInEveryPositionProfilesLikeSingleAdds(int categoryCap)
    {
        var options = ProfileOptions.Default with { CategoryCap = categoryCap, ExampleLines = 4 };
        var random = new Random(5);
        var texts = new List<string>();
        for (var i = 0; i < 3_000; i++)
            texts.Add((i % 13) switch
            {
                0 => "",
                1 => "not_allowed",
                2 => "a_category_longer_than_16",
                3 => "exactly_16_bytes",
                4 => "a",
                5 => $"new_{random.Next(20)}",  // not allowed, 20 distinct values
                _ => $"level_0{random.Next(3)}",
            });
        BatchAgainstSingleAdds.AssertSame(texts, Declared, options);
    }

    [Fact]
    public void CountKnownStopsAtTheFirstFieldItCannotCount()
    {
        // Fields as a CSV chunk; the expected stops are read off this list by hand.
        const string csv = "level_00,,exactly_16_bytes,level_01,no,level_00,brand_new,level_01,level_00,x";
        var texts = csv.Split(',');
        var starts = new int[texts.Length];
        for (var i = 1; i < texts.Length; i++) starts[i] = starts[i - 1] + texts[i - 1].Length + 1;
        var lengths = texts.Select(t => t.Length).ToArray();
        var allowed = new CountTable();
        foreach (var value in new[] { "level_00", "level_01", "exactly_16_bytes" })
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            allowed.Insert(new Utf8Key(bytes, FieldHash.Of(bytes)), 0);
        }
        var counts = new CategoryCounts(cap: 100);
        foreach (var value in new[] { "level_00", "level_01", "exactly_16_bytes", "no" })
        for (var seen = 0; seen < 2; seen++) // a value is indexed when it is seen again
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            counts.AddAndCheck(new HashedField(bytes, FieldHash.Of(bytes)), allowed);
        }
        var fields = new ColumnFields(Encoding.UTF8.GetBytes(csv), [], starts, lengths, new long[texts.Length]);
        long missing = 0, known = 0;

        Assert.Equal(4, counts.CountKnown(fields, 0, ref missing, ref known)); // "no" is known but not allowed
        Assert.Equal((1, 3), (missing, known));
        Assert.Equal(6, counts.CountKnown(fields, 5, ref missing, ref known)); // "brand_new" was never seen
        // The chunk is 77 bytes: the last level_00 starts at 68, without 16 bytes to load.
        Assert.Equal(8, counts.CountKnown(fields, 7, ref missing, ref known));
        Assert.Equal((1, 5), (missing, known));
        Assert.Equal(
            [("level_00", 4L), ("level_01", 4L), ("exactly_16_bytes", 3L), ("no", 2L)],
            counts.ByCount().Select(c => (c.Value, c.Count)));
    }
}
