using System.Text;
using Trainyard.Data.Csv;
using Trainyard.Data.Profiling;

namespace Trainyard.Data.Scanning;

/// <summary>
/// One scan thread's state: its own tokenizer and accumulators (so no locking per field) and its share of the
/// row count and distinct-count sketches. Duplicate trackers are shared across workers.
/// </summary>
internal sealed class ScanWorker
{
    private readonly CsvTokenizer _tokenizer;
    private readonly string _file;
    private readonly DuplicateTracker? _rowTracker;
    private readonly DuplicateTracker? _idTracker;
    private readonly int _idColumn;

    public ScanWorker(CsvFormat format, string file, IColumnAccumulator[] accumulators, DuplicateTracker? rowTracker,
        DuplicateTracker? idTracker, int idColumn)
    {
        _tokenizer = new CsvTokenizer(format, file, accumulators.Length);
        _file = file;
        Accumulators = accumulators;
        _rowTracker = rowTracker;
        _idTracker = idTracker;
        _idColumn = idColumn;
        if (rowTracker is not null) RowHashes = new DistinctCountEstimate();
        if (idTracker is not null) IdHashes = new DistinctCountEstimate();
    }

    public IColumnAccumulator[] Accumulators { get; }
    public DistinctCountEstimate? RowHashes { get; }
    public DistinctCountEstimate? IdHashes { get; }
    public long Rows { get; private set; }
    public long Ids { get; private set; }

    /// <summary>Tokenizes one chunk; returns its record count.</summary>
    public long Process(ScanChunk chunk)
    {
        var data = chunk.Span;
        Utf8Validation.EnsureValid(data, _file, chunk.StartLine);
        var sink = new Sink(this);
        var rows = _tokenizer.Tokenize(data, chunk.StartLine, ref sink);
        Rows += rows;
        Ids += sink.Ids;
        return rows;
    }

    private struct Sink(ScanWorker worker) : ICsvRecordSink
    {
        private readonly IColumnAccumulator[] _accumulators = worker.Accumulators;
        private readonly int _idColumn = worker._idColumn;
        public long Ids;

        public void Field(int column, ReadOnlySpan<byte> value, long line)
        {
            _accumulators[column].Add(value, line);
            if (column == _idColumn && !value.IsEmpty) AddId(value, line);
        }

        public readonly void EndRecord(ReadOnlySpan<byte> record, long line)
        {
            if (worker._rowTracker is not { } tracker) return;
            var hash = RecordHash.Hash64(record);
            worker.RowHashes!.Add(hash);
            if (tracker.Add(hash, line, out var duplicateLine) && tracker.WantsExample(duplicateLine))
                tracker.OfferExample(duplicateLine, hash, null);
        }

        private void AddId(ReadOnlySpan<byte> value, long line)
        {
            var tracker = worker._idTracker!;
            var hash = RecordHash.Hash64(value);
            worker.IdHashes!.Add(hash);
            Ids++;
            if (tracker.Add(hash, line, out var duplicateLine) && tracker.WantsExample(duplicateLine))
                tracker.OfferExample(duplicateLine, hash, Encoding.UTF8.GetString(value));
        }
    }
}
