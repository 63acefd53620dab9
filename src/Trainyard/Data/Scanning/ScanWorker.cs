using System.Runtime.CompilerServices;
using Trainyard.Data.Csv;
using Trainyard.Data.Profiling;

namespace Trainyard.Data.Scanning;

/// <summary>
/// One scan thread's state: its own tokenizer and accumulators (so no locking per field), its row count, and the
/// hashes it collects per chunk for the shared duplicate trackers. It tokenizes a batch of records at a time and
/// then feeds the accumulators a column at a time (see <see cref="RecordBatch"/>).
/// </summary>
internal sealed class ScanWorker
{
    /// <summary>Records per batch: enough to amortize a column's cache warm-up, few enough that the batch's offsets
    /// and text stay in L2.</summary>
    public const int BatchRecords = 512;

    private readonly CsvTokenizer _tokenizer;
    private readonly RecordBatch _batch;
    private readonly string _file;
    private readonly int _idColumn;

    public ScanWorker(CsvFormat format, string file, IColumnAccumulator[] accumulators, DuplicateTracker? rowTracker,
        DuplicateTracker? idTracker, int idColumn)
    {
        _tokenizer = new CsvTokenizer(format, file, accumulators.Length);
        _batch = new RecordBatch(accumulators.Length, BatchRecords);
        _file = file;
        Accumulators = accumulators;
        _idColumn = idColumn;
        if (rowTracker is not null) RowHashes = new PendingHashes(rowTracker, keepValues: false);
        if (idTracker is not null) IdHashes = new PendingHashes(idTracker, keepValues: true);
    }

    public IColumnAccumulator[] Accumulators { get; }
    public PendingHashes? RowHashes { get; }
    public PendingHashes? IdHashes { get; }
    public long Rows { get; private set; }

    /// <summary>Tokenizes one chunk; returns its record count.</summary>
    /// <remarks>
    /// This and the per-field methods it reaches are AggressiveOptimization: a scan lasts about a second, and tiered
    /// compilation would run much of it in unoptimized and instrumented code (perf: ~30% of the CPU) before Tier 1.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Process(ScanChunk chunk)
    {
        var data = chunk.Span;
        Utf8Validation.EnsureValid(data, _file, chunk.StartLine);
        var sink = new Sink(_batch, _idColumn, RowHashes, IdHashes);
        _batch.Start(chunk);
        long rows = 0;
        var position = 0;
        var line = chunk.StartLine;
        while (position < data.Length)
        {
            _batch.Clear();
            rows += _tokenizer.Tokenize(data[position..], line, ref sink, _batch.Capacity, out var consumed, out line);
            position += consumed;
            AddBatch();
        }
        RowHashes?.Flush();
        IdHashes?.Flush();
        Rows += rows;
        return rows;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddBatch()
    {
        for (var column = 0; column < Accumulators.Length; column++)
        {
            // The profiler is the accumulator in every real scan: a type test and a direct call are cheaper than
            // interface dispatch, which optimized-at-once code cannot guard-devirtualize.
            var accumulator = Accumulators[column];
            if (accumulator is ColumnAccumulator profiler) profiler.AddBatch(_batch.Column(column));
            else accumulator.AddBatch(_batch.Column(column));
        }
    }

    private readonly struct Sink(RecordBatch batch, int idColumn, PendingHashes? rows, PendingHashes? ids)
        : ICsvRecordSink
    {
        public void Field(int column, ReadOnlySpan<byte> value, long line)
        {
            batch.Field(column, value);
            if (column == idColumn && !value.IsEmpty) ids!.Add(RecordHash.Hash64(value), line, value);
        }

        public void EndRecord(ReadOnlySpan<byte> record, long line)
        {
            batch.EndRecord(line);
            rows?.Add(RecordHash.Hash64(record), line, default);
        }
    }
}
