using System.Runtime.CompilerServices;

namespace Trainyard.Data.Csv;

/// <summary>
/// Receives what <see cref="CsvTokenizer"/> finds. Implemented by structs so the tokenizer's generic loop is
/// specialised per sink and the calls inline. Spans are only valid during the call.
/// </summary>
internal interface ICsvRecordSink
{
    /// <summary>One field, quotes removed and doubled quotes undone; empty means missing.</summary>
    void Field(int column, ReadOnlySpan<byte> value, long line);

    /// <summary>The record's raw bytes without its line ending, after all of its fields.</summary>
    void EndRecord(ReadOnlySpan<byte> record, long line);

    /// <summary>
    /// A whole plain record (no quotes, no CR) with the expected number of fields: field k is
    /// <c>data[(k == 0 ? start : ends[k - 1] + 1)..ends[k]]</c>. The same as <see cref="Field"/> per field, then
    /// <see cref="EndRecord"/>; a sink may store the fields in one go instead of a call per field.
    /// </summary>
    void PlainRecord(ReadOnlySpan<byte> data, ReadOnlySpan<int> ends, int start, long line)
    {
        var self = this;
        EachField(ref self, data, ends, start, line);
        EndRecord(data[start..ends[^1]], line);
    }

    /// <summary>Each field of a plain record (as <see cref="PlainRecord"/> gives it) to <see cref="Field"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void EachField<TSink>(ref TSink sink, ReadOnlySpan<byte> data, ReadOnlySpan<int> ends, int start, long line)
        where TSink : ICsvRecordSink
    {
        var at = start;
        for (var k = 0; k < ends.Length; k++)
        {
            sink.Field(k, data[at..ends[k]], line);
            at = ends[k] + 1;
        }
    }
}
