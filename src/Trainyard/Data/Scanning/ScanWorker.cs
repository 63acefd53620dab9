using System.Runtime.CompilerServices;
using Trainyard.Data.Csv;
using Trainyard.Data.Profiling;

namespace Trainyard.Data.Scanning;

/// <summary>
/// One scan thread's state: its own tokenizer and accumulators (so no locking per field), its row count, and the
/// hashes it collects per chunk for the shared duplicate trackers.
/// </summary>
internal sealed class ScanWorker
{
    private readonly CsvTokenizer _tokenizer;
    private readonly string _file;
    private readonly int _idColumn;

    public ScanWorker(CsvFormat format, string file, IColumnAccumulator[] accumulators, DuplicateTracker? rowTracker,
        DuplicateTracker? idTracker, int idColumn)
    {
        _tokenizer = new CsvTokenizer(format, file, accumulators.Length);
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
        var sink = new Sink(Accumulators, _idColumn, RowHashes, IdHashes);
        var rows = _tokenizer.Tokenize(data, chunk.StartLine, ref sink);
        RowHashes?.Flush();
        IdHashes?.Flush();
        Rows += rows;
        return rows;
    }

    private readonly struct Sink(IColumnAccumulator[] accumulators, int idColumn, PendingHashes? rows, PendingHashes? ids)
        : ICsvRecordSink
    {
        public void Field(int column, ReadOnlySpan<byte> value, long line)
        {
            // The profiler is the accumulator in every real scan: a type test and a direct call are cheaper per
            // field than interface dispatch, which optimized-at-once code cannot guard-devirtualize.
            var accumulator = accumulators[column];
            if (accumulator is ColumnAccumulator profiler) profiler.Add(value, line);
            else accumulator.Add(value, line);
            if (column == idColumn && !value.IsEmpty) ids!.Add(RecordHash.Hash64(value), line, value);
        }

        public void EndRecord(ReadOnlySpan<byte> record, long line) => rows?.Add(RecordHash.Hash64(record), line, default);
    }
}
