using Trainyard.Data.Csv;
using Trainyard.Tests.Data.Scanning;

namespace Trainyard.Tests.Data.Csv;

public class DelimiterHintTests
{
    [Fact]
    public async Task SemicolonSeparatedFileSuggestsTheDelimiterSetting()
    {
        var error = await Assert.ThrowsAsync<DataFileException>(() => Scan.TextAsync("\"a\";\"b\";\"c\"\n1;2;3\n"));

        Assert.Equal(1, error.Line);
        Assert.Contains("the header splits into 3 columns on ';' but 1 on ','", error.Problem);
        Assert.Contains("data.delimiter: \";\"", error.Problem);
    }

    [Fact]
    public async Task UnquotedTabSeparatedHeaderSuggestsTheDelimiterSetting()
    {
        var error = await Assert.ThrowsAsync<DataFileException>(() => Scan.TextAsync("a\tb\tc\n1\t2\t3\n"));

        Assert.Contains("single column", error.Problem);
        Assert.Contains("data.delimiter: \"\\t\"", error.Problem);
    }

    [Fact]
    public async Task QuoteErrorInACommaSeparatedFileHasNoDelimiterHint()
    {
        var error = await Assert.ThrowsAsync<DataFileException>(() => Scan.TextAsync("\"a\"x,b\n1,2\n"));

        Assert.DoesNotContain("data.delimiter", error.Problem);
    }
}
