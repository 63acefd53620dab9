using System.Runtime.CompilerServices;
using System.Buffers;
using System.Runtime.InteropServices;

namespace Trainyard.Data.Csv;

/// <summary>
/// Splits UTF-8 CSV bytes that start at a record boundary into records and fields (RFC 4180), counting physical
/// lines so that every error names the line a person sees in an editor. Blank lines are skipped, as pandas does.
/// One instance per thread: it owns a scratch buffer for fields with doubled quotes.
/// </summary>
internal sealed class CsvTokenizer
{
    /// <summary>Accept any number of fields (used for the header).</summary>
    public const int AnyFieldCount = -1;

    private readonly byte _delimiter;
    private readonly byte _quote;
    private readonly string _file;
    private readonly int _expectedFields;
    private readonly SearchValues<byte> _quoteOrNewline;
    private readonly StructuralIndex _index;
    private byte[] _scratch = new byte[256];

    public CsvTokenizer(CsvFormat format, string file, int expectedFields)
    {
        format.EnsureValid();
        _delimiter = format.Delimiter;
        _quote = format.Quote;
        _file = file;
        _expectedFields = expectedFields;
        _quoteOrNewline = SearchValues.Create(format.Quote, (byte)'\n');
        _index = new StructuralIndex(format.Delimiter, format.Quote);
    }

    /// <summary>Feeds every record in <paramref name="data"/> to the sink and returns how many there were.</summary>
    public long Tokenize<TSink>(ReadOnlySpan<byte> data, long startLine, ref TSink sink) where TSink : struct, ICsvRecordSink =>
        Tokenize(data, startLine, ref sink, long.MaxValue, out _, out _);

    /// <summary>
    /// Feeds at most <paramref name="maxRecords"/> records; <paramref name="consumed"/> is where the next record
    /// starts and <paramref name="nextLine"/> its line.
    /// </summary>
    /// <remarks>
    /// Two stages: <see cref="StructuralIndex"/> lists a window's delimiters and line ends, and plain records (no
    /// quote, no CR) are read from that list; a record holding a quote or CR, or longer than a window, is read byte by
    /// byte by <see cref="ReadRecord"/> as before, which also names every error.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Tokenize<TSink>(ReadOnlySpan<byte> data, long startLine, ref TSink sink, long maxRecords, out int consumed, out long nextLine)
        where TSink : struct, ICsvRecordSink
    {
        var position = 0;
        var line = startLine;
        long records = 0;
        while (position < data.Length && records < maxRecords)
        {
            _index.Build(data, position);
            var before = position;
            records += ReadPlainRecords(data, ref position, ref line, ref sink, maxRecords - records);
            if (records >= maxRecords || position >= data.Length) break;
            if (position > before && !_index.FoundQuoteOrCR) continue; // the window ended inside a record: index from it
            // Byte by byte up to where the index stopped (at least one record, so a long record still advances).
            var mask = new StructuralMask(data, _delimiter, _quote);
            do
            {
                if (!ReadOneRecord(data, ref mask, ref position, ref line, ref sink)) continue;
                records++;
            } while (position < _index.End && position < data.Length && records < maxRecords);
        }
        consumed = position;
        nextLine = line;
        return records;
    }

    /// <summary>Stage 2: the records before <see cref="StructuralIndex.PlainLimit"/>, from the index alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long ReadPlainRecords<TSink>(ReadOnlySpan<byte> data, ref int position, ref long line, ref TSink sink, long maxRecords)
        where TSink : struct, ICsvRecordSink
    {
        ref var entries = ref MemoryMarshal.GetArrayDataReference(_index.Entries);
        ref var bytes = ref MemoryMarshal.GetReference(data);
        var limit = _index.PlainLimit;
        var expected = _expectedFields == AnyFieldCount ? int.MaxValue : _expectedFields;
        var delimiter = _delimiter;
        var next = 0;
        var at = position;
        var currentLine = line;
        long records = 0;
        while (at < limit && records < maxRecords)
        {
            if (Unsafe.Add(ref bytes, at) == (byte)'\n') { at++; currentLine++; next++; continue; } // a blank line
            var recordStart = at;
            if (expected != int.MaxValue)
            {
                // Count the fields first: with the expected count the sink takes the record in one call.
                var last = next;
                while (true)
                {
                    var fieldEnd = Unsafe.Add(ref entries, last);
                    if (fieldEnd >= data.Length || Unsafe.Add(ref bytes, fieldEnd) != delimiter) break;
                    last++;
                }
                if (last - next + 1 == expected)
                {
                    sink.PlainRecord(data, MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref entries, next), expected), recordStart, currentLine);
                    at = Unsafe.Add(ref entries, last) + 1;
                    next = last + 1;
                    currentLine++;
                    records++;
                    continue;
                }
            }
            var column = 0;
            while (true)
            {
                var end = Unsafe.Add(ref entries, next++);
                if (column < expected) sink.Field(column, MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref bytes, at), end - at), currentLine);
                column++;
                at = end + 1;
                // Only plain records are read here, so a structural byte that is not the delimiter ends the record.
                if (end >= data.Length || Unsafe.Add(ref bytes, end) != delimiter) break;
            }
            if (_expectedFields != AnyFieldCount && column != _expectedFields)
                throw new DataFileException(_file, currentLine, $"expected {_expectedFields} fields as in the header, found {column}");
            var recordEnd = at - 1;
            sink.EndRecord(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref bytes, recordStart), recordEnd - recordStart), currentLine);
            currentLine++;
            records++;
        }
        // The last record may end at the end of the data rather than at an LF.
        position = Math.Min(at, data.Length);
        line = position == data.Length && at > data.Length ? currentLine - 1 : currentLine;
        return records;
    }

    /// <summary>One record (or a blank line, then false) read byte by byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadOneRecord<TSink>(ReadOnlySpan<byte> data, ref StructuralMask mask, ref int position, ref long line, ref TSink sink)
        where TSink : struct, ICsvRecordSink
    {
        if (data[position] == (byte)'\n') { position++; line++; return false; }
        if (data[position] == (byte)'\r' && position + 1 < data.Length && data[position + 1] == (byte)'\n') { position += 2; line++; return false; }

        var recordStart = position;
        var recordLine = line;
        var fields = ReadRecord(data, ref mask, ref position, ref line, ref sink, recordLine, out var recordEnd);
        if (_expectedFields != AnyFieldCount && fields != _expectedFields)
            throw new DataFileException(_file, recordLine, $"expected {_expectedFields} fields as in the header, found {fields}");
        sink.EndRecord(data[recordStart..recordEnd], recordLine);
        return true;
    }

    /// <summary>Reads one record's fields; leaves <paramref name="position"/> after its line ending.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadRecord<TSink>(ReadOnlySpan<byte> data, ref StructuralMask mask, ref int position, ref long line,
        ref TSink sink, long recordLine, out int recordEnd) where TSink : struct, ICsvRecordSink
    {
        var column = 0;
        while (true)
        {
            ReadOnlySpan<byte> value;
            int end;
            if (position < data.Length && data[position] == _quote)
            {
                end = ReadQuoted(data, position, ref line, out value);
                if (end < data.Length && !IsFieldEnd(data, end))
                    throw new DataFileException(_file, line,
                        $"unexpected '{(char)data[end]}' after the closing quote of field {column + 1}; a quote inside a quoted field must be doubled");
            }
            else
            {
                end = mask.Next(position);
                while (end < data.Length)
                {
                    var b = data[end];
                    if (b == _delimiter || b == (byte)'\n') break;
                    if (b == (byte)'\r')
                    {
                        if (end + 1 < data.Length && data[end + 1] == (byte)'\n') break;
                        end = mask.Next(end + 1); // a lone CR is data
                        continue;
                    }
                    throw new DataFileException(_file, line,
                        $"a quote inside unquoted field {column + 1}; quote the whole field and double the quote inside it");
                }
                value = data[position..end];
            }

            if (_expectedFields == AnyFieldCount || column < _expectedFields) sink.Field(column, value, recordLine);
            column++;

            if (end >= data.Length) { recordEnd = end; position = end; return column; }
            var terminator = data[end];
            if (terminator == _delimiter) { position = end + 1; continue; }
            recordEnd = end;
            position = terminator == (byte)'\r' ? end + 2 : end + 1;
            line++;
            return column;
        }
    }

    private bool IsFieldEnd(ReadOnlySpan<byte> data, int i) =>
        data[i] == _delimiter || data[i] == (byte)'\n'
        || (data[i] == (byte)'\r' && i + 1 < data.Length && data[i + 1] == (byte)'\n');

    /// <summary>Reads a quoted field starting at its opening quote; returns the index after the closing quote.</summary>
    private int ReadQuoted(ReadOnlySpan<byte> data, int open, scoped ref long line, out ReadOnlySpan<byte> value)
    {
        var startLine = line;
        var searchFrom = open + 1;
        var doubled = false;
        while (true)
        {
            var hit = data[searchFrom..].IndexOfAny(_quoteOrNewline);
            if (hit < 0)
                throw new DataFileException(_file, startLine, "unterminated quote: the quoted field starting on this line never closes");
            hit += searchFrom;
            if (data[hit] == (byte)'\n') { line++; searchFrom = hit + 1; continue; }
            if (hit + 1 < data.Length && data[hit + 1] == _quote) { doubled = true; searchFrom = hit + 2; continue; }
            var content = data[(open + 1)..hit];
            value = doubled ? Undouble(content) : content;
            return hit + 1;
        }
    }

    private ReadOnlySpan<byte> Undouble(ReadOnlySpan<byte> content)
    {
        if (_scratch.Length < content.Length) _scratch = new byte[Math.Max(content.Length, _scratch.Length * 2)];
        var length = 0;
        for (var i = 0; i < content.Length; i++)
        {
            _scratch[length++] = content[i];
            if (content[i] == _quote) i++; // skip the second quote of the pair
        }
        return _scratch.AsSpan(0, length);
    }
}
