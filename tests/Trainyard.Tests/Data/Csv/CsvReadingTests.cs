using System.Text;
using Trainyard.Data.Csv;
using Trainyard.Tests.Data.Scanning;

namespace Trainyard.Tests.Data.Csv;

public class CsvReadingTests
{
    [Fact]
    public async Task QuotedFieldsLoseTheirQuotesAndKeepDelimitersInside()
    {
        var result = await Scan.TextAsync("a,b\n\"x,1\",\"plain\"\n");
        Assert.Equal(["x,1"], result.Values(0));
        Assert.Equal(["plain"], result.Values(1));
    }

    [Fact]
    public async Task DoubledQuotesInsideAQuotedFieldBecomeOneQuote()
    {
        var result = await Scan.TextAsync("a,b\n\"she said \"\"hi\"\"\",\"\"\"\"\n");
        Assert.Equal(["she said \"hi\""], result.Values(0));
        Assert.Equal(["\""], result.Values(1));
    }

    [Fact]
    public async Task ANewlineInsideQuotesStaysInTheFieldAndLaterRecordsKeepTheirPhysicalLine()
    {
        var result = await Scan.TextAsync("a,b\n1,\"two\nlines\"\n3,x\n");
        Assert.Equal(["two\nlines", "x"], result.Values(1));
        Assert.Equal([2L, 4L], result.Column(0).Select(f => f.Line));
        Assert.Equal(2, result.RowCount);
    }

    [Fact]
    public async Task LineNumbersAfterAQuotedNewlineAreUsedInErrors()
    {
        var error = await Assert.ThrowsAsync<DataFileException>(() => Scan.TextAsync("a,b\n1,\"x\ny\"\n2\n"));
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public async Task CRLFLineEndingsAreNotPartOfTheLastField()
    {
        var result = await Scan.TextAsync("a,b\r\n1,2\r\n3,\"4\"\r\n");
        Assert.Equal(["a", "b"], result.Columns);
        Assert.Equal(["2", "4"], result.Values(1));
        Assert.Equal([2L, 3L], result.Column(1).Select(f => f.Line));
    }

    [Fact]
    public async Task AUTF8ByteOrderMarkIsSkipped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("name,n\nZoë,1\n")).ToArray();
        var result = await Scan.BytesAsync(bytes);
        Assert.Equal("name", result.Columns[0]);
        Assert.Equal(["Zoë"], result.Values(0));
    }

    [Fact]
    public async Task ACustomDelimiterSplitsFieldsAndCommasBecomeData()
    {
        var result = await Scan.TextAsync("a;b\n1,5;\"x;y\"\n", format: new CsvFormat((byte)';'));
        Assert.Equal(["1,5"], result.Values(0));
        Assert.Equal(["x;y"], result.Values(1));
    }

    [Fact]
    public async Task EmptyFieldsQuotedOrNotAreMissing()
    {
        var result = await Scan.TextAsync("a,b,c\n,\"\",x\n1,2,\n");
        Assert.Equal([null, "1"], result.Values(0));
        Assert.Equal([null, "2"], result.Values(1));
        Assert.Equal(["x", null], result.Values(2));
    }

    [Fact]
    public async Task TheLastRecordNeedsNoLineEndingAndBlankLinesAreSkipped()
    {
        var result = await Scan.TextAsync("a\n1\n\n2");
        Assert.Equal(["1", "2"], result.Values(0));
        Assert.Equal([2L, 4L], result.Column(0).Select(f => f.Line));
    }

    [Fact]
    public async Task AHeaderOnlyFileHasNoRows()
    {
        var result = await Scan.TextAsync("a,b\n");
        Assert.Equal(0, result.RowCount);
        Assert.Equal(["a", "b"], result.Columns);
    }
}
