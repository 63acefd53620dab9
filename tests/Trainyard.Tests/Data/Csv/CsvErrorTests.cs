using System.Text;
using Trainyard.Data.Csv;
using Trainyard.Tests.Data.Scanning;

namespace Trainyard.Tests.Data.Csv;

public class CsvErrorTests
{
    [Fact]
    public async Task ARowWithTooFewFieldsNamesItsLineAndBothCounts()
    {
        using var file = new TemporaryCsv("a,b,c\n1,2,3\n4,5\n");
        var error = await Assert.ThrowsAsync<DataFileException>(() => Scan.FileAsync(file.Path));
        Assert.Equal($"{file.Path} line 3: expected 3 fields as in the header, found 2", error.Message);
        Assert.Equal(new SourceLocation(file.Path, 3), error.Location);
    }

    [Fact]
    public async Task ARowWithTooManyFieldsIsReported()
    {
        var error = await Assert.ThrowsAsync<DataFileException>(() => Scan.TextAsync("a,b\n1,2,3\n"));
        Assert.Equal("expected 2 fields as in the header, found 3", error.Problem);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public async Task AnUnterminatedQuoteNamesTheLineWhereTheFieldBegan()
    {
        var error = await Assert.ThrowsAsync<DataFileException>(() => Scan.TextAsync("a,b\n1,2\n3,\"open\n4,5\n6,7\n"));
        Assert.Equal(3, error.Line);
        Assert.Contains("unterminated quote", error.Message);
    }

    [Fact]
    public async Task InvalidUTF8NamesItsLine()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,2\n3,").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\n")).ToArray();
        var error = await Assert.ThrowsAsync<DataFileException>(() => Scan.BytesAsync(bytes));
        Assert.Equal(3, error.Line);
        Assert.Contains("invalid UTF-8", error.Message);
    }

    [Fact]
    public async Task ADuplicateHeaderNameIsAnErrorOnLine1()
    {
        var error = await Assert.ThrowsAsync<DataFileException>(() => Scan.TextAsync("id,age,age\n1,2,3\n"));
        Assert.Equal(1, error.Line);
        Assert.Equal("column name 'age' appears twice in the header (columns 2 and 3)", error.Problem);
    }

    [Fact]
    public async Task AnEmptyHeaderNameIsAnErrorOnLine1()
    {
        var error = await Assert.ThrowsAsync<DataFileException>(() => Scan.TextAsync("id,,x\n1,2,3\n"));
        Assert.Equal(1, error.Line);
        Assert.Equal("column 2 has an empty name in the header", error.Problem);
    }

    [Fact]
    public async Task AMissingFileIsNamedAsGivenAndAsResolved()
    {
        var error = await Assert.ThrowsAsync<TrainyardException>(() => Scan.FileAsync("no/such/file.csv"));
        Assert.Equal($"data file not found: no/such/file.csv (resolved to {Path.GetFullPath("no/such/file.csv")})", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public async Task AnEmptyFileIsAnError(string content)
    {
        using var file = new TemporaryCsv(content);
        var error = await Assert.ThrowsAsync<TrainyardException>(() => Scan.FileAsync(file.Path));
        Assert.Equal($"data file is empty: {file.Path} (a header row is required)", error.Message);
    }

    [Fact]
    public async Task AQuoteInsideAnUnquotedFieldIsAnError()
    {
        var error = await Assert.ThrowsAsync<DataFileException>(() => Scan.TextAsync("a,b\n1,5'10\"\n"));
        Assert.Equal(2, error.Line);
        Assert.Contains("quote inside unquoted field 2", error.Message);
    }

    [Fact]
    public async Task TextAfterAClosingQuoteIsAnError()
    {
        var error = await Assert.ThrowsAsync<DataFileException>(() => Scan.TextAsync("a,b\n\"x\"y,1\n"));
        Assert.Equal(2, error.Line);
        Assert.Contains("after the closing quote of field 1", error.Message);
    }
}
