using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Trainyard.Data.Csv;
using Trainyard.Data.Profiling;

namespace Trainyard.Data.Scanning;

/// <summary>
/// One streaming, parallel pass over a CSV file: a reader cuts the file into chunks of whole records and puts them
/// on a bounded queue (so memory stays flat however large the file); workers tokenize chunks into their own column
/// accumulators; at the end each column's accumulators are merged into one.
/// </summary>
internal static class DataScan
{
    public static async Task<ScanResult> RunAsync(string path, CsvFormat format,
        Func<int, string, IColumnAccumulator> accumulatorFactory, ScanOptions? options = null,
        IProgress<ScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= ScanOptions.Default;
        format.EnsureValid();
        var stopwatch = Stopwatch.StartNew();
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new TrainyardException($"data file not found: {path} (resolved to {fullPath})");

        using var reader = new CsvChunkReader(fullPath, format.Quote, options.ChunkBytes, options.MaxRecordBytes);
        var first = await reader.ReadAsync(cancellationToken);
        var header = first is null ? null : CsvHeader.Read(first.Span, format, path);
        if (first is null || header is null)
        {
            if (first is not null) ArrayPool<byte>.Shared.Return(first.Buffer);
            throw new TrainyardException($"data file is empty: {path} (a header row is required)");
        }

        var idColumn = FindIdColumn(header, options.IdColumn, path);
        var rowTracker = options.DetectDuplicateRows ? new DuplicateTracker(options.MaxDistinctHashes, options.MaxDuplicateExamples) : null;
        var idTracker = idColumn >= 0 ? new DuplicateTracker(options.MaxDistinctHashes, options.MaxDuplicateExamples) : null;
        var workerCount = Math.Max(1, options.Workers ?? Environment.ProcessorCount);
        var workers = new ScanWorker[workerCount];
        for (var w = 0; w < workerCount; w++)
        {
            var accumulators = header.Names.Select((name, c) => accumulatorFactory(c, name)).ToArray();
            workers[w] = new ScanWorker(format, path, accumulators, rowTracker, idTracker, idColumn);
        }

        var queue = Channel.CreateBounded<ScanChunk>(new BoundedChannelOptions(Math.Max(1, options.QueueCapacity ?? 2 * workerCount))
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var failure = new ScanFailure();
        var counters = new ScanCounters(reader.Length, header.ByteLength, progress);
        var firstRecords = first with { Offset = header.ByteLength, Length = first.Length - header.ByteLength, StartLine = header.NextLine };

        var producer = Task.Run(() => ProduceAsync(reader, firstRecords, queue.Writer, failure, cancellationToken), cancellationToken);
        var consumers = workers.Select(worker =>
            Task.Run(() => ConsumeAsync(worker, queue.Reader, failure, counters, cancellationToken), cancellationToken));
        await Task.WhenAll(consumers.Append(producer));
        failure.ThrowIfFailed();
        counters.ReportFinal();

        var rows = workers.Sum(w => w.Rows);
        return new ScanResult(path, header.Names, rows, Merge(workers, header.Names.Count),
            rowTracker?.Summarize(), idTracker?.Summarize(),
            reader.Length, stopwatch.Elapsed);
    }

    private static int FindIdColumn(CsvHeader header, string? idColumn, string path)
    {
        if (idColumn is null) return -1;
        var index = header.Names.ToList().IndexOf(idColumn);
        if (index < 0) throw new TrainyardException($"id column '{idColumn}' is not in the header of {path}");
        return index;
    }

    private static async Task ProduceAsync(CsvChunkReader reader, ScanChunk first, ChannelWriter<ScanChunk> queue,
        ScanFailure failure, CancellationToken cancellationToken)
    {
        try
        {
            await queue.WriteAsync(first, cancellationToken);
            while (!failure.HasFailed && await reader.ReadAsync(cancellationToken) is { } chunk)
                await queue.WriteAsync(chunk, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            failure.Record(int.MaxValue - 1, exception); // after every chunk already queued
        }
        finally
        {
            queue.TryComplete();
        }
    }

    private static async Task ConsumeAsync(ScanWorker worker, ChannelReader<ScanChunk> queue, ScanFailure failure,
        ScanCounters counters, CancellationToken cancellationToken)
    {
        await foreach (var chunk in queue.ReadAllAsync(cancellationToken))
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
