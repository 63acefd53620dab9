using System.Text;
using Trainyard.Data.Csv;
using Trainyard.Tests.Data.Scanning;

namespace Trainyard.Tests.Data.Csv;

/// <summary>
/// The tokenizer's two stages (the index of a window, then plain records read from it, with quoted or CR records
/// read byte by byte) against records whose fields are known because they were generated: quotes, CRLF and blank
/// lines placed at every offset around 64-byte blocks and 4 KB windows, read whole and in small batches.
/// </summary>
public class StructuralIndexTests
{
    private const int Columns = 3;

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.02)]
    [InlineData(3, 0.3)]
    [InlineData(4, 1.0)]
    public void GeneratedRecordsComeBackWithTheirFieldsAndLines(int seed, double quotedShare)
    {
        var (text, expected) = Generate(new Random(seed), 3000, quotedShare);
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(expected, Read(bytes, long.MaxValue));
        Assert.Equal(expected, Read(bytes, 7)); // resumed mid-window, as a scan's batches do
    }

    [Fact]
    public void AQuotedFieldOrCRLFAtEveryOffsetAroundABlockEndReadsTheSame()
    {
        for (var pad = 0; pad < 140; pad++)
        {
            var plain = new string('x', pad);
            foreach (var (row, values) in new[]
                     {
                         ($"\"q,\"\"{plain}\",b,c\n", new[] { $"q,\"{plain}", "b", "c" }),
                         ($"{plain},\"two\r\nlines\",c\r\n", new[] { plain, "two\r\nlines", "c" }),
                         ($"{plain},b,c\r\n", new[] { plain, "b", "c" }),
                         ($"{plain},b\rx,c\n", new[] { plain, "b\rx", "c" }),
                         ($"\n\r\n{plain},b,\n", new[] { plain, "b", "" }),
                     })
            {
                var text = "a,b,c\n" + new string('1', pad % 64) + ",2,3\n" + row + "4,5,6";
                var records = Read(Encoding.UTF8.GetBytes(text), long.MaxValue);
                Assert.Equal(4, records.Count);
                Assert.Equal(values, records[2].Fields);
                Assert.Equal(["4", "5", "6"], records[3].Fields);
                Assert.Equal(3 + row.Count(c => c == '\n'), records[3].Line);
            }
        }
    }

    [Fact]
    public void ARecordLongerThanAWindowIsReadWhole()
    {
        var longField = new string('y', StructuralIndex.Window * 2 + 5);
        var records = Read(Encoding.UTF8.GetBytes($"1,2,3\n{longField},b,c\n4,5,6\n"), long.MaxValue);
        Assert.Equal([longField, "b", "c"], records[1].Fields);
        Assert.Equal(3, records[2].Line);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(4095)]
    [InlineData(4097)]
    public void ErrorsAfterPlainRecordsNameTheirLine(int plainBytes)
    {
        var plain = new StringBuilder("a,b,c\n");
        var lines = 1;
        while (plain.Length < plainBytes) { plain.Append("1,2,3\n"); lines++; }
        Assert.Equal("expected 3 fields as in the header, found 2", Error(plain + "1,2\n").Problem);
        Assert.Equal(lines + 1, Error(plain + "1,2\n").Line);
        Assert.Contains("quote inside unquoted field 2", Error(plain + "1,x\"y,3\n").Problem);
        Assert.Equal(lines + 1, Error(plain + "1,x\"y,3\n").Line);
        Assert.Equal(lines + 2, Error(plain + "\n1,\"open,3\n4,5,6\n").Line);
        Assert.Equal(lines + 1, Error(plain + "1,2,3,4\n").Line);
    }

    [Theory]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(127)]
    [InlineData(128)]
    public async Task InvalidUTF8AtABlockBoundaryNamesItsLine(int offset)
    {
        var text = new StringBuilder("a,b\n");
        var lines = 1;
        while (text.Length < offset - 4) { text.Append("1,2\n"); lines++; }
        text.Append(new string('é', 1)).Append(',');
        var bytes = Encoding.UTF8.GetBytes(text.ToString()).Concat(new byte[] { 0xE2, 0x28, 0xA1, (byte)'\n' }).ToArray();
        var error = await Assert.ThrowsAsync<DataFileException>(() => Scan.BytesAsync(bytes));
        Assert.Equal(lines + 1, error.Line);
        Assert.Contains("invalid UTF-8", error.Message);

        // The same row with valid multi-byte characters across the boundary reads back.
        var valid = Encoding.UTF8.GetBytes(text + "日本\n");
        var result = await Scan.BytesAsync(valid);
        Assert.Equal("日本", result.Values(1)[^1]);
    }

    private static DataFileException Error(string text) =>
        Assert.Throws<DataFileException>(() => Read(Encoding.UTF8.GetBytes(text), long.MaxValue));

    private static List<Row> Read(byte[] bytes, long batch)
    {
        var tokenizer = new CsvTokenizer(CsvFormat.Default, "t.csv", Columns);
        var sink = new Recorder { Rows = [], Fields = [] };
        var position = 0;
        var line = 1L;
        while (position < bytes.Length)
        {
            tokenizer.Tokenize(bytes.AsSpan(position), line, ref sink, batch, out var consumed, out line);
            position += consumed;
        }
        return sink.Rows;
    }

    /// <summary>Random records of three fields: plain, empty, high bytes, lone CRs, and quoted with delimiters,
    /// doubled quotes, LF and CRLF inside; LF or CRLF endings and blank lines between them.</summary>
    private static (string Text, List<Row> Rows) Generate(Random random, int count, double quotedShare)
    {
        var text = new StringBuilder();
        var rows = new List<Row>();
        var line = 1L;
        for (var r = 0; r < count; r++)
        {
            while (random.Next(20) == 0) { text.Append(random.Next(2) == 0 ? "\n" : "\r\n"); line++; }
            var fields = new string[Columns];
            var startLine = line;
            for (var c = 0; c < Columns; c++)
            {
                if (c > 0) text.Append(',');
                if (random.NextDouble() < quotedShare)
                {
                    var value = Pick(random, ["", "x,y", "say \"hi\"", "two\nlines", "crlf\r\ninside", "\"", "日本,é", new string('q', random.Next(200))]);
                    text.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
                    line += value.Count(ch => ch == '\n');
                    fields[c] = value;
                }
                else
                {
                    var value = Pick(random, ["", "1", "-2.5", "level_03", "Zoë", "a\rb", new string('p', random.Next(150))]);
                    text.Append(value);
                    fields[c] = value;
                }
            }
            rows.Add(new Row(startLine, fields));
            if (r < count - 1 || random.Next(2) == 0) { text.Append(random.Next(3) == 0 ? "\r\n" : "\n"); line++; }
        }
        return (text.ToString(), rows);
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private sealed record Row(long Line, string[] Fields)
    {
        public bool Equals(Row? other) => other is not null && Line == other.Line && Fields.SequenceEqual(other.Fields);

        public override int GetHashCode() => Line.GetHashCode();

        public override string ToString() => $"{Line}: {string.Join("|", Fields)}";
    }

    private struct Recorder : ICsvRecordSink
    {
        public List<Row> Rows;
        public List<string> Fields;

        public void Field(int column, ReadOnlySpan<byte> value, long line) => Fields.Add(Encoding.UTF8.GetString(value));

        public void EndRecord(ReadOnlySpan<byte> record, long line)
        {
            Rows.Add(new Row(line, [.. Fields]));
            Fields.Clear();
        }
    }
}
