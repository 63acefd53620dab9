using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Serving;

/// <summary>One answered request as the prediction log keeps it: what Monitor and retraining read later.</summary>
/// <param name="Caller">Who asked (the X-Trainyard-Caller header), "anonymous" without one.</param>
/// <param name="Inputs">The request's rows as the client sent them (UTF-8 JSON, copied from the body).</param>
internal sealed record PredictionRecord(DateTimeOffset Time, string RequestId, string Caller, string ModelDigest, string ModelVersion, double LatencyMs,
    ReadOnlyMemory<byte> Inputs, IReadOnlyList<Prediction> Outputs);

/// <summary>
/// Appends each prediction as one JSON line to a rotating file (TRAINYARD_PREDICTION_LOG). Requests hand records to
/// a bounded queue and never wait: when it is full the record is dropped and counted. A background writer turns a
/// batch into whole lines and writes them with one call. A kill during that write can still end it between pages
/// (Linux stops a write at a fatal signal), leaving one torn last line: <see cref="RotatingFile"/> cuts it on the
/// next open. Disposing drains the queue, which graceful shutdown does after the last request finished.
/// </summary>
internal sealed class PredictionLog : IAsyncDisposable
{
    const int BatchBytes = 256 * 1024;
    readonly Channel<PredictionRecord> _queue;
    readonly RotatingFile? _file;
    readonly ServerMetrics _metrics;
    readonly ILogger<PredictionLog> _logger;
    readonly Task _writer;

    public PredictionLog(ServingOptions options, ServerMetrics metrics, ILogger<PredictionLog> logger)
    {
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<PredictionRecord>(new BoundedChannelOptions(options.PredictionLogQueue) { SingleReader = true });
        _file = options.PredictionLogPath is { } path ? new RotatingFile(path, options.PredictionLogMaxBytes, options.PredictionLogFiles) : null;
        _writer = _file is null ? Task.CompletedTask : Task.Run(WriteAsync);
    }

    public bool Enabled => _file is not null;

    /// <summary>Queues a record; never blocks. False (and counted) when the queue is full.</summary>
    public bool TryAppend(PredictionRecord record)
    {
        if (_file is null) return false;
        if (_queue.Writer.TryWrite(record)) return true;
        Interlocked.Increment(ref _metrics.LogDropped);
        return false;
    }

    async Task WriteAsync()
    {
        var batch = new ArrayBufferWriter<byte>(BatchBytes);
        var line = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(line, ServingJson.WriterOptions);
        while (await _queue.Reader.WaitToReadAsync())
        {
            var lines = 0;
            while (batch.WrittenCount < BatchBytes && _queue.Reader.TryRead(out var record))
            {
                line.ResetWrittenCount();
                json.Reset(line);
                Write(json, record);
                line.Write("\n"u8);
                // Rotate between lines: the file never ends inside one.
                if (_file!.WouldOverflow(batch.WrittenCount + line.WrittenCount))
                {
                    lines = await FlushAsync(batch, lines);
                    _file.Rotate();
                }
                batch.Write(line.WrittenSpan);
                lines++;
            }
            await FlushAsync(batch, lines);
        }
    }

    /// <summary>Appends the batch's whole lines in one write, then empties it.</summary>
    async Task<int> FlushAsync(ArrayBufferWriter<byte> batch, int lines)
    {
        if (batch.WrittenCount == 0) return 0;
        try
        {
            await _file!.AppendAsync(batch.WrittenMemory);
            Interlocked.Add(ref _metrics.LogWritten, lines);
        }
        catch (IOException error)
        {
            // A full disk loses log lines, never predictions: count them and carry on.
            Interlocked.Add(ref _metrics.LogDropped, lines);
            _logger.LogError("prediction log {Path}: {Lines} lines lost: {Error}", _file!.Path, lines, error.Message);
        }
        batch.ResetWrittenCount();
        return 0;
    }

    static void Write(Utf8JsonWriter json, PredictionRecord record)
    {
        json.WriteStartObject();
        json.WriteString("time"u8, record.Time);
        json.WriteString("request_id"u8, record.RequestId);
        json.WriteString("caller"u8, record.Caller);
        json.WriteString("model_digest"u8, record.ModelDigest);
        json.WriteString("model_version"u8, record.ModelVersion);
        json.WriteNumber("latency_ms"u8, Math.Round(record.LatencyMs, 4));
        // Re-written compactly: a client's indented body would otherwise put line breaks inside a line.
        json.WritePropertyName("inputs"u8);
        using (var inputs = JsonDocument.Parse(record.Inputs)) inputs.RootElement.WriteTo(json);
        json.WriteStartArray("outputs"u8);
        foreach (var output in record.Outputs) JsonSerializer.Serialize(json, output, ServingJson.Default.Prediction);
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        _file?.Dispose();
    }
}
