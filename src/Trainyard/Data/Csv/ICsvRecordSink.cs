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
}
