using System.Text;
using Trainyard.Data.Csv;
using Trainyard.Data.Scanning;

namespace Trainyard.Tests.Data.Scanning;

public class ChunkBoundaryTests
{
    // Quoted newlines, doubled quotes, CRLF, blank lines and a repeated record: everything a boundary could cut.
    private const string Tricky =
        "id,text,n\n1,\"a\nb\",10\r\n2,\"say \"\"hi\"\"\",\n\n3,\"x,y\",30\n1,\"a\nb\",10\n4,\"\n\",40\n5,plain,\"5\"\n";

    [Fact]
    public async Task EveryChunkSizeAndWorkerCountGivesTheSameFieldsLinesAndDuplicates()
    {
        using var file = new TemporaryCsv(Tricky);
        var expected = await Scan.FileAsync(file.Path, new ScanOptions { Workers = 1, ChunkBytes = 1 << 20 });
        Assert.Equal(6, expected.RowCount);
        Assert.Equal(["a\nb", "say \"hi\"", "x,y", "a\nb", "\n", "plain"], expected.Values(1));
        Assert.Equal([2L, 4L, 6L, 7L, 9L, 11L], expected.Column(0).Select(f => f.Line));

        foreach (var workers in new[] { 1, 3 })
        for (var chunkBytes = 1; chunkBytes <= Tricky.Length + 1; chunkBytes++)
        {
            var options = new ScanOptions { Workers = workers, ChunkBytes = chunkBytes, QueueCapacity = 2 };
            var actual = await Scan.FileAsync(file.Path, options);
            Assert.Equal(expected.RowCount, actual.RowCount);
            for (var c = 0; c < 3; c++) Assert.Equal(expected.Column(c), actual.Column(c));
            Assert.Equal((1L, true), (actual.DuplicateRows!.Count, actual.DuplicateRows.IsExact));
            Assert.Equal([new DuplicateExample(7, 2, null)], actual.DuplicateRows.Examples);
        }
    }

    [Fact]
    public async Task AChunkThatEndsRightAfterAQuotedNewlineDoesNotSplitTheRecord()
    {
        const string csv = "a,b\n1,\"x\ny\"\n2,z\n";
        var boundaryInsideQuotes = csv.IndexOf("x\n", StringComparison.Ordinal) + 2; // chunk ends just after the quoted LF
        using var file = new TemporaryCsv(csv);
        var result = await Scan.FileAsync(file.Path, new ScanOptions { Workers = 2, ChunkBytes = boundaryInsideQuotes });
        Assert.Equal(["x\ny", "z"], result.Values(1));
        Assert.Equal([2L, 4L], result.Column(1).Select(f => f.Line));
    }

    [Theory]
    [InlineData("1,2\n3,4\n", 8)]
    [InlineData("1,\"2\n3\",4", 0)]
    [InlineData("1,\"2\n3\",4\n5", 10)]
    [InlineData("\"a\"\"\n\",b\n", 9)]
    public void TheLastRecordBoundaryIgnoresNewlinesInsideQuotes(string data, int expected) =>
        Assert.Equal(expected, CsvChunkReader.LastRecordBoundary(Encoding.UTF8.GetBytes(data), (byte)'"'));

    [Fact]
    public async Task ALargeFileScannedByManyWorkersReportsEveryRowOnce()
    {
        var text = new StringBuilder("k,v\n");
        for (var i = 0; i < 20_000; i++) text.Append(i).Append(",\"v").Append(i % 7 == 0 ? "\n" : "").Append(i).Append("\"\n");
        using var file = new TemporaryCsv(text.ToString());
        var one = await Scan.FileAsync(file.Path, new ScanOptions { Workers = 1 });
        var many = await Scan.FileAsync(file.Path, new ScanOptions { Workers = 4, ChunkBytes = 4096 });
        Assert.Equal(20_000, many.RowCount);
        Assert.Equal(one.Column(0), many.Column(0));
        Assert.Equal(one.Column(1), many.Column(1));
    }
}
