using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using Trainyard.Data.Csv;
using Trainyard.Data.Files;
using Trainyard.Data.Profiling;

namespace Trainyard.Data.Scanning;

/// <summary>
/// One streaming, parallel pass over a CSV file: a reader cuts the file into chunks of whole records and puts them
/// on a bounded queue (so memory stays flat however large the file); workers tokenize chunks into their own column
/// accumulators; at the end each column's accumulators are merged into one.
/// </summary>
internal static class DataScan
{
    public static Task<ScanResult> RunAsync(string path, CsvFormat format,
        Func<int, string, IColumnAccumulator> accumulatorFactory, ScanOptions? options = null,
        IProgress<ScanProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync([path], format, accumulatorFactory, options, progress, cancellationToken);

    /// <summary>
    /// Scans <paramref name="paths"/> in order as one table: every file must have the first one's header, and lines
    /// given to accumulators are <see cref="DataLine"/>s (plain line numbers in the first file).
    /// </summary>
    /// <remarks>
    /// The returned task has completed: the scan runs on threads of its own and this call waits for them, so a caller
    /// that awaits it does not suspend. A suspended async method costs the JIT its resumption machinery, a dozen
    /// methods for the three layers above a cold scan, compiled after the last chunk while nothing else can run.
    /// </remarks>
    public static Task<ScanResult> RunAsync(IReadOnlyList<string> paths, CsvFormat format,
        Func<int, string, IColumnAccumulator> accumulatorFactory, ScanOptions? options = null,
        IProgress<ScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        try { return Task.FromResult(Run(paths, format, accumulatorFactory, options ?? ScanOptions.Default, progress, cancellationToken)); }
        catch (Exception exception) { return Task.FromException<ScanResult>(exception); }
    }

    private static ScanResult Run(IReadOnlyList<string> paths, CsvFormat format, Func<int, string, IColumnAccumulator> accumulatorFactory,
        ScanOptions options, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        format.EnsureValid();
        var stopwatch = Stopwatch.StartNew();
        foreach (var file in paths)
            if (!File.Exists(Path.GetFullPath(file))) throw new TrainyardException($"data file not found: {file} (resolved to {Path.GetFullPath(file)})");

        var path = paths[0];
        var reader = new CsvChunkReader(Path.GetFullPath(path), format.Quote, options.ChunkBytes, options.MaxRecordBytes);
        ScanChunk? read;
        try { read = reader.Read(cancellationToken); }
        catch { reader.Dispose(); throw; }
        var (first, header) = ReadHeader(reader, read, format, path);

        int idColumn;
        WindowFilter? window;
        try
        {
            idColumn = FindColumn(header, options.IdColumn, "id column", path);
            window = options.Window is { } kept ? new WindowFilter(FindColumn(header, kept.Column, "time column", path), kept.After, kept.Until) : null;
        }
        catch
        {
            // Until the producer starts, the reader and the first chunk are this method's to give back.
            ArrayPool<byte>.Shared.Return(first.Buffer);
            reader.Dispose();
            throw;
        }
        var totalBytes = paths.Sum(p => new FileInfo(Path.GetFullPath(p)).Length);
        var firstRecords = first with { Offset = header.ByteLength, Length = first.Length - header.ByteLength, StartLine = header.NextLine };
        var expectedRecords = ExpectedRecords(firstRecords.Span, totalBytes - header.ByteLength);
        var rowTracker = options.DetectDuplicateRows ? new DuplicateTracker(options.MaxDistinctHashes, options.MaxDuplicateExamples, expectedRecords) : null;
        var idTracker = idColumn >= 0 ? new DuplicateTracker(options.MaxDistinctHashes, options.MaxDuplicateExamples, expectedRecords) : null;
        var workerCount = Math.Max(1, options.Workers ?? Environment.ProcessorCount);
        var workers = new ScanWorker[workerCount];
        for (var w = 0; w < workerCount; w++)
        {
            var accumulators = header.Names.Select((name, c) => accumulatorFactory(c, name)).ToArray();
            workers[w] = new ScanWorker(format, paths, accumulators, rowTracker, idTracker, idColumn, window);
        }

        using var queue = new BlockingCollection<ScanChunk>(Math.Max(1, options.QueueCapacity ?? 2 * workerCount));
        var failure = new ScanFailure();
        var counters = new ScanCounters(totalBytes, header.ByteLength, progress);

        // The reader and each worker on a thread of their own, not the thread pool's: at start the pool has one thread
        // per core, so the reader, which blocks on the disk, held the thread the second worker waited for (a cold 1M-row
        // scan: its first chunk 30 ms after the first worker's, docs/benchmarks.md). The scan's work is synchronous
        // between blocking reads and a bounded queue.
        var files = new FileQueue(paths, format, options, header);
        var threads = new Task[workerCount + 1];
        threads[0] = OnThread(() => Produce(reader, firstRecords, files, queue, failure, cancellationToken), cancellationToken);
        for (var w = 0; w < workerCount; w++)
        {
            var worker = workers[w];
            threads[w + 1] = OnThread(() => Consume(worker, queue, failure, counters, cancellationToken), cancellationToken);
        }
        Task.WhenAll(threads).GetAwaiter().GetResult(); // the first failure as it was thrown, not wrapped
        failure.ThrowIfFailed();
        counters.ReportFinal();

        var rows = workers.Sum(w => w.Rows);
        return new ScanResult(path, header.Names, rows, Merge(workers, header.Names.Count),
            rowTracker?.Summarize(), idTracker?.Summarize(),
            totalBytes, stopwatch.Elapsed)
        { Files = paths };
    }

    /// <summary>
    /// About how many records the files hold, from the first chunk's lines per byte: only the duplicate trackers' first
    /// table sizes depend on it, never a result.
    /// </summary>
    private static long ExpectedRecords(ReadOnlySpan<byte> firstRecords, long recordBytes) =>
        firstRecords.IsEmpty ? 0 : (long)((double)firstRecords.Count((byte)'\n') / firstRecords.Length * recordBytes);

    /// <summary>
    /// The header at the start of the first chunk; disposes the reader when there is no header. Not an async method
    /// of its own around the first read: each async layer that waits for the disk is a set of generic methods the JIT
    /// compiles before the scan can start.
    /// </summary>
    private static (ScanChunk First, CsvHeader Header) ReadHeader(CsvChunkReader reader, ScanChunk? first, CsvFormat format, string path)
    {
        try
        {
            CsvHeader? header;
            try { header = first is null ? null : CsvHeader.Read(first.Span, format, path); }
            catch { if (first is not null) ArrayPool<byte>.Shared.Return(first.Buffer); throw; }
            if (first is null || header is null)
            {
                if (first is not null) ArrayPool<byte>.Shared.Return(first.Buffer);
                throw new TrainyardException($"data file is empty: {path} (a header row is required)");
            }
            return (first, header);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static int FindColumn(CsvHeader header, string? column, string role, string path)
    {
        if (column is null) return -1;
        var index = header.Names.ToList().IndexOf(column);
        if (index < 0) throw new TrainyardException($"{role} '{column}' is not in the header of {path}");
        return index;
    }

    private static Task OnThread(Action action, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(action, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void Produce(CsvChunkReader reader, ScanChunk first, FileQueue files, BlockingCollection<ScanChunk> queue,
        ScanFailure failure, CancellationToken cancellationToken)
    {
        // Chunks are numbered across files, so the first error in file order wins whichever worker meets it.
        var index = 0;
        CsvChunkReader? current = reader;
        try
        {
            queue.Add(first with { Index = index++ }, cancellationToken);
            for (var file = 0; ; file++)
            {
                while (!failure.HasFailed && current.Read(cancellationToken) is { } chunk)
                    queue.Add(chunk with { Index = index++, File = file }, cancellationToken);
                current.Dispose();
                current = null;
                if (failure.HasFailed || files.Open(file + 1, cancellationToken) is not { } next) break;
                current = next.Reader;
                queue.Add(next.FirstRecords with { Index = index++, File = file + 1 }, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            failure.Record(index, exception); // after every chunk already queued
        }
        finally
        {
            current?.Dispose();
            queue.CompleteAdding();
        }
    }

    /// <summary>The files after the first, opened one at a time, each header checked against the first file's.</summary>
    private sealed class FileQueue(IReadOnlyList<string> paths, CsvFormat format, ScanOptions options, CsvHeader expected)
    {
        public (CsvChunkReader Reader, ScanChunk FirstRecords)? Open(int file, CancellationToken cancellationToken)
        {
            if (file >= paths.Count) return null;
            var path = paths[file];
            var reader = new CsvChunkReader(Path.GetFullPath(path), format.Quote, options.ChunkBytes, options.MaxRecordBytes);
            ScanChunk? read;
            try { read = reader.Read(cancellationToken); }
            catch { reader.Dispose(); throw; }
            var (first, header) = ReadHeader(reader, read, format, path);
            if (HeaderProblem(header, expected, paths[0]) is { } problem)
            {
                ArrayPool<byte>.Shared.Return(first.Buffer);
                reader.Dispose();
                throw new DataFileException(path, 1, problem.Message, problem.Column);
            }
            return (reader, first with { Offset = header.ByteLength, Length = first.Length - header.ByteLength, StartLine = header.NextLine });
        }
    }

    /// <summary>Why <paramref name="header"/> is not <paramref name="expected"/>: the first column that differs.</summary>
    internal static (string Message, string? Column)? HeaderProblem(CsvHeader header, CsvHeader expected, string expectedFile)
    {
        for (var c = 0; c < Math.Max(header.Names.Count, expected.Names.Count); c++)
        {
            var found = c < header.Names.Count ? header.Names[c] : null;
            var wanted = c < expected.Names.Count ? expected.Names[c] : null;
            if (found == wanted) continue;
            var column = wanted ?? found;
            return (found, wanted) switch
            {
                (null, _) => ($"the header has {header.Names.Count} columns and lacks '{wanted}' (column {c + 1}), which {expectedFile} has; every file of data.path needs the same header", column),
                (_, null) => ($"the header has an extra column '{found}' (column {c + 1}), which {expectedFile} does not have; every file of data.path needs the same header", column),
                _ => ($"column {c + 1} is '{found}' where {expectedFile} has '{wanted}'; every file of data.path needs the same header, in the same order", column),
            };
        }
        return null;
    }

    private static void Consume(ScanWorker worker, BlockingCollection<ScanChunk> queue, ScanFailure failure,
        ScanCounters counters, CancellationToken cancellationToken)
    {
        foreach (var chunk in queue.GetConsumingEnumerable(cancellationToken))
        {
            try
            {
                if (failure.Skips(chunk.Index)) continue;
                var rows = worker.Process(chunk);
                counters.ChunkDone(chunk.Length, rows);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failure.Record(chunk.Index, exception);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
            }
        }
    }

    private static IColumnAccumulator[] Merge(ScanWorker[] workers, int columns)
    {
        var merged = new IColumnAccumulator[columns];
        for (var c = 0; c < columns; c++)
        {
            merged[c] = workers[0].Accumulators[c];
            for (var w = 1; w < workers.Length; w++) merged[c].Merge(workers[w].Accumulators[c]);
        }
        return merged;
    }
}
