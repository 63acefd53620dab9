using Trainyard.Data.Scanning;

namespace Trainyard.Tests.Data.Scanning;

public class DuplicateTests
{
    private const string Repeats = "a,b\n1,x\n2,y\n1,x\n3,z\n1,x\n2,y\n";

    [Theory]
    [InlineData(1, 1 << 20)]
    [InlineData(3, 5)]
    public async Task RepeatedRecordsAreCountedExactlyWithTheirFirstLines(int workers, int chunkBytes)
    {
        var result = await Scan.TextAsync(Repeats, new ScanOptions { Workers = workers, ChunkBytes = chunkBytes });
        var duplicates = result.DuplicateRows!;
        Assert.Equal(3, duplicates.Count);
        Assert.True(duplicates.IsExact);
        Assert.Equal([new DuplicateExample(4, 2, null), new DuplicateExample(6, 2, null), new DuplicateExample(7, 3, null)], duplicates.Examples);
    }

    [Fact]
    public async Task ExamplesAreTheFirstDuplicateLinesUpToTheLimit()
    {
        var result = await Scan.TextAsync(Repeats, new ScanOptions { Workers = 2, ChunkBytes = 4, MaxDuplicateExamples = 2 });
        Assert.Equal([4L, 6L], result.DuplicateRows!.Examples.Select(e => e.Line));
        Assert.Equal(3, result.DuplicateRows.Count);
    }

    [Fact]
    public async Task DuplicateIdsAreReportedWithTheIdAndMissingIdsAreIgnored()
    {
        var result = await Scan.TextAsync("id,v\nA,1\nB,2\n,3\nA,4\n,5\nB,6\n",
            new ScanOptions { IdColumn = "id", Workers = 2, ChunkBytes = 6 });
        var ids = result.DuplicateIds!;
        Assert.Equal(2, ids.Count);
        Assert.True(ids.IsExact);
        Assert.Equal([new DuplicateExample(5, 2, "A"), new DuplicateExample(7, 3, "B")], ids.Examples);
        Assert.Equal(0, result.DuplicateRows!.Count);
    }

    [Fact]
    public async Task AnIdColumnThatIsNotInTheHeaderIsAnError()
    {
        var error = await Assert.ThrowsAsync<TrainyardException>(() => Scan.TextAsync("a\n1\n", new ScanOptions { IdColumn = "id" }));
        Assert.Contains("id column 'id' is not in the header", error.Message);
    }

    [Fact]
    public async Task DuplicateRowsAreNotTrackedWhenTurnedOff()
    {
        var result = await Scan.TextAsync(Repeats, new ScanOptions { DetectDuplicateRows = false });
        Assert.Null(result.DuplicateRows);
    }
}
