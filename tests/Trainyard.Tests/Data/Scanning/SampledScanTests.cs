using System.Text;
using Trainyard.Data.Scanning;

namespace Trainyard.Tests.Data.Scanning;

/// <summary>Whole scans with a cap small enough that duplicate detection samples.</summary>
public class SampledScanTests
{
    // Row r has id r % 2200, so ids below 800 repeat; its value is "same" for ids divisible by 3, so those rows repeat too.
    private static readonly string[] Rows = Enumerable.Range(0, 3_000)
        .Select(r => $"{r % 2200},{(r % 2200 % 3 == 0 ? "same" : r.ToString())}").ToArray();

    private static readonly string Csv = "id,v\n" + string.Join("", Rows.Select(r => r + "\n"));

    [Fact]
    public async Task WithSamplingActiveEveryChunkSizeAndWorkerCountGivesTheSameDuplicates()
    {
        using var file = new TemporaryCsv(Csv);
        var options = new ScanOptions { Workers = 1, IdColumn = "id", MaxDistinctHashes = 256, MaxDuplicateExamples = 4 };
        var expected = await Scan.FileAsync(file.Path, options);
        Assert.False(expected.DuplicateRows!.IsExact);
        Assert.False(expected.DuplicateIds!.IsExact);
        Assert.NotEmpty(expected.DuplicateIds.Examples);

        foreach (var workers in new[] { 1, 2, 3 })
        foreach (var chunkBytes in new[] { 16, 100, 4_096 })
        {
            var actual = await Scan.FileAsync(file.Path, options with { Workers = workers, ChunkBytes = chunkBytes });
            Assert.Equal((expected.DuplicateRows.Count, false), (actual.DuplicateRows!.Count, actual.DuplicateRows.IsExact));
            Assert.Equal(expected.DuplicateRows.Examples, actual.DuplicateRows.Examples);
            Assert.Equal((expected.DuplicateIds.Count, false), (actual.DuplicateIds!.Count, actual.DuplicateIds.IsExact));
            Assert.Equal(expected.DuplicateIds.Examples, actual.DuplicateIds.Examples);
        }
    }

    [Fact]
    public async Task SampledExamplesAreRealRepeatsOfTheFirstOccurrence()
    {
        var result = await Scan.TextAsync(Csv, new ScanOptions { Workers = 2, ChunkBytes = 64, IdColumn = "id", MaxDistinctHashes = 256 });
        string Row(long line) => Rows[line - 2];
        long FirstLine(Func<string, string> key, long line) => Array.FindIndex(Rows, r => key(r) == key(Row(line))) + 2;

        Assert.NotEmpty(result.DuplicateRows!.Examples);
        foreach (var example in result.DuplicateRows.Examples)
            Assert.Equal((FirstLine(r => r, example.Line), true), (example.FirstLine, example.Line > example.FirstLine));
        Assert.NotEmpty(result.DuplicateIds!.Examples);
        foreach (var example in result.DuplicateIds.Examples)
        {
            Assert.Equal(Row(example.Line).Split(',')[0], example.Value);
            Assert.Equal((FirstLine(r => r.Split(',')[0], example.Line), true), (example.FirstLine, example.Line > example.FirstLine));
        }
    }
}
