using System.Text;

namespace Trainyard.Data.Csv;

/// <summary>The header record: column names, checked to be non-empty and unique.</summary>
internal sealed record CsvHeader(IReadOnlyList<string> Names, int ByteLength, long NextLine)
{
    /// <summary>
    /// Reads the header at the start of <paramref name="data"/> (after any BOM). Returns null when the data holds
    /// no record at all (an empty file or only blank lines).
    /// </summary>
    public static CsvHeader? Read(ReadOnlySpan<byte> data, CsvFormat format, string file)
    {
        var sink = new NameSink { Names = [] };
        var tokenizer = new CsvTokenizer(format, file, CsvTokenizer.AnyFieldCount);
        long records;
        int consumed;
        long nextLine;
        try { records = tokenizer.Tokenize(data, 1, ref sink, 1, out consumed, out nextLine); }
        catch (DataFileException e) when (DelimiterHint.For(data, format) is { } hint)
        {
            throw new DataFileException(file, e.Line, $"{e.Problem}; {hint}", e.Column);
        }
        if (records == 0) return null;
        // One column where another delimiter finds several: the rows would only fail later, column by column.
        if (sink.Names.Count == 1 && DelimiterHint.For(data, format) is { } oneColumn)
            throw new DataFileException(file, 1, $"the header has a single column; {oneColumn}");
        Utf8Validation.EnsureValid(data[..consumed], file, 1);

        var names = sink.Names;
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
                throw new DataFileException(file, sink.Line, $"column {i + 1} has an empty name in the header");
            if (!firstIndex.TryAdd(names[i], i))
                throw new DataFileException(file, sink.Line,
                    $"column name '{names[i]}' appears twice in the header (columns {firstIndex[names[i]] + 1} and {i + 1})");
        }
        return new CsvHeader(names, consumed, nextLine);
    }

    internal struct NameSink : ICsvRecordSink
    {
        public List<string> Names;
        public long Line;

        public void Field(int column, ReadOnlySpan<byte> value, long line)
        {
            Names.Add(Encoding.UTF8.GetString(value));
            Line = line;
        }

        public void EndRecord(ReadOnlySpan<byte> record, long line) => Line = line;
    }
}
