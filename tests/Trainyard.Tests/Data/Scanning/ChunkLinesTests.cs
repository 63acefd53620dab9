using System.Text;
using Trainyard.Data.Csv;
using Trainyard.Data.Scanning;

namespace Trainyard.Tests.Data.Scanning;

/// <summary>The reader's one pass over a chunk: quotes and newlines counted together, and the chunk's lines from it.</summary>
public class ChunkLinesTests
{
    [Fact]
    public void QuotesAndNewlinesAreCountedAtEveryLengthAndOffset()
    {
        var random = new Random(7);
        var bytes = new byte[300];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)"ab\"\n,\r\xE9"[random.Next(7)];
        for (var start = 0; start < 70; start++)
            for (var length = 0; start + length <= bytes.Length; length += 1 + length / 8)
            {
                var span = bytes.AsSpan(start, length);
                Assert.Equal((span.Count((byte)'"'), span.Count((byte)'\n')), QuotesAndNewlines.Count(span, (byte)'"'));
            }
    }

    [Theory]
    [InlineData("a\nb\n", 4, 2)]
    [InlineData("a\n\"b\nc", 2, 1)]
    [InlineData("\"x\ny\"\nz\n\"w", 8, 3)]
    [InlineData("\"x\ny", 0, 0)]
    [InlineData("", 0, 0)]
    public void TheBoundaryComesWithTheNewlinesBeforeIt(string data, int boundary, int lines)
    {
        Assert.Equal(boundary, CsvChunkReader.LastRecordBoundary(Encoding.UTF8.GetBytes(data), (byte)'"', out var before));
        Assert.Equal(lines, before);
    }

    [Fact]
    public async Task ChunksOfEverySizeStartOnTheirLines()
    {
        var text = new StringBuilder("a,b\n");
        for (var i = 0; i < 200; i++) text.Append(i % 7 == 0 ? $"{i},\"multi\nline {i}\"\n" : i % 11 == 0 ? "\n" : $"{i},x\n");
        var expected = await Scan.TextAsync(text.ToString(), new ScanOptions { Workers = 1, ChunkBytes = 1 << 20 });
        foreach (var chunkBytes in new[] { 7, 64, 65, 333 })
        {
            var result = await Scan.TextAsync(text.ToString(), new ScanOptions { Workers = 2, ChunkBytes = chunkBytes });
            Assert.Equal(expected.Column(1), result.Column(1));
        }
    }
}
