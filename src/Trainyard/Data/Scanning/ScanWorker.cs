using System.Runtime.CompilerServices;
using Trainyard.Data.Csv;
using Trainyard.Data.Files;
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

    private readonly CsvFormat _format;
    private readonly CsvTokenizer?[] _tokenizers; // one per file, so an error names the file it is in
    private readonly RecordBatch _batch;
    private readonly IReadOnlyList<string> _files;
    private readonly int _idColumn;
    private readonly WindowFilter? _window;

    public ScanWorker(CsvFormat format, IReadOnlyList<string> files, IColumnAccumulator[] accumulators, DuplicateTracker? rowTracker,
        DuplicateTracker? idTracker, int idColumn, WindowFilter? window)
    {
        _format = format;
        _tokenizers = new CsvTokenizer?[files.Count];
        _batch = new RecordBatch(accumulators.Length, BatchRecords);
        _files = files;
        _window = window;
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
        Utf8Validation.EnsureValid(data, _files[chunk.File], chunk.StartLine);
        var tokenizer = _tokenizers[chunk.File] ??= new CsvTokenizer(_format, _files[chunk.File], Accumulators.Length);
        // The tokenizer counts lines within the file (its errors name file and line); accumulators get DataLines.
        var sink = new Sink(_batch, _idColumn, RowHashes, IdHashes, DataLine.Of(chunk.File, 0), _window);
        _batch.Start(chunk);
        long rows = 0;
        var position = 0;
        var line = chunk.StartLine;
        while (position < data.Length)
        {
            _batch.Clear();
            tokenizer.Tokenize(data[position..], line, ref sink, _batch.Capacity, out var consumed, out line);
            rows += _batch.Count; // records outside the window were tokenized but not kept
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

    /// <param name="fileBits">Added to each line: the file's part of a <see cref="DataLine"/>.</param>
    internal readonly struct Sink(RecordBatch batch, int idColumn, PendingHashes? rows, PendingHashes? ids, long fileBits,
        WindowFilter? window) : ICsvRecordSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Field(int column, ReadOnlySpan<byte> value, long line)
        {
            batch.Field(column, value);
            if (window is null && column == idColumn && !value.IsEmpty) ids!.Add(RecordHash.Hash64(value), line | fileBits, value);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void PlainRecord(ReadOnlySpan<byte> data, ReadOnlySpan<int> ends, int start, long line)
        {
            if (batch.TryPlainFields(data, ends, start))
            {
                if (window is null && (uint)idColumn < (uint)ends.Length)
                {
                    var idStart = idColumn == 0 ? start : ends[idColumn - 1] + 1;
                    var id = data[idStart..ends[idColumn]];
                    if (!id.IsEmpty) ids!.Add(RecordHash.Hash64(id), line | fileBits, id);
                }
            }
            else
            {
                var self = this; // a readonly struct of references: the copy stores where this does
                ICsvRecordSink.EachField(ref self, data, ends, start, line);
            }
            EndRecord(data[start..ends[^1]], line);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the tokenizer's loop: as a call it ran as ReadyToRun code
        public void EndRecord(ReadOnlySpan<byte> record, long line)
        {
            // A record outside the window is left in the batch's next slot, to be overwritten: no accumulator sees it.
            if (window is not null)
            {
                if (!window.Keeps(batch.Current(window.Column))) return;
                if (idColumn >= 0 && batch.Current(idColumn) is { IsEmpty: false } id) ids!.Add(RecordHash.Hash64(id), line | fileBits, id);
            }
            batch.EndRecord(line | fileBits);
            rows?.Add(RecordHash.Hash64(record), line | fileBits, default);
        }
    }
}

/// <summary>data.window in a scan: keeps a record whose time column parses and lies in (After, Until].</summary>
internal sealed class WindowFilter(int column, DateTime after, DateTime until)
{
    public int Column => column;

    public bool Keeps(ReadOnlySpan<byte> field) =>
        FieldParser.TryParseDateTime(field, out var time) && time > after && time <= until;
}
