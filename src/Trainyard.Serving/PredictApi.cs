using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Text.Json;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Serving;

/// <summary>
/// POST /v1/predict: a JSON object is one row, a JSON array a batch of rows; the answer lists one prediction per
/// row, with the model's name, version and digest and the request id. Every row is checked against the signature
/// before any is scored: a wrong one is a 400 naming each offending field.
/// </summary>
internal static class PredictApi
{
    public static void MapPredictApi(this WebApplication app)
    {
        var services = app.Services;
        var model = services.GetRequiredService<ServedModel>();
        var options = services.GetRequiredService<ServingOptions>();
        var handler = new PredictHandler(model, new RowCheck(model.Signature, model.Featurizer, options.RejectUnseenCategories),
            services.GetRequiredService<ServerMetrics>(), services.GetRequiredService<FeatureDrift>(), services.GetRequiredService<PredictionLog>(),
            options.FaultErrorRate, options.FaultDelay);
        app.MapPost(Route, handler.HandleAsync);
    }

    public const string Route = "/v1/predict";

    /// <summary>
    /// POST /v1/predict, nearly every request, handed to its endpoint ahead of routing (called before UseRouting):
    /// matching it against the route table cost 0.4 µs of a request's 20 (docs/benchmarks.md). The path written any
    /// other way (case, a trailing slash) and other methods go through routing as before, to the same endpoint or its
    /// 404/405. The endpoint is set on the request as routing sets it, so the request metrics name its route alike.
    /// </summary>
    public static void UsePredictRoute(this WebApplication app)
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>();
        RouteEndpoint? predict = null;
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsPost(context.Request.Method) || !string.Equals(context.Request.Path.Value, Route, StringComparison.Ordinal)) return next(context);
            predict ??= endpoints.Endpoints.OfType<RouteEndpoint>().Single(e => e.RoutePattern.RawText == Route
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true);
            context.SetEndpoint(predict);
            return predict.RequestDelegate!(context);
        });
    }
}

/// <param name="faultErrorRate">TRAINYARD_FAULT_ERROR_RATE: the share of requests answered 500 on purpose (testing rollouts only).</param>
/// <param name="faultDelay">TRAINYARD_FAULT_DELAY_MS: a wait before each answer (testing rollouts only).</param>
internal sealed class PredictHandler(ServedModel model, RowCheck check, ServerMetrics metrics, FeatureDrift drift, PredictionLog log,
    double faultErrorRate = 0, TimeSpan faultDelay = default)
{
    public const string FaultDetail = "fault injected (TRAINYARD_FAULT_ERROR_RATE)";

    // Escaped once, not in every answer.
    readonly JsonEncodedText _name = Encode(model.Name), _version = Encode(model.Version), _digest = Encode(model.Digest);
    readonly PredictionJson _predictions = new(model.Signature);
    readonly AnswerText _answer = new(AnswerText.BeforeId(Encode(model.Name), Encode(model.Version), Encode(model.Digest)), new PredictionJson(model.Signature));
    readonly SimpleRows? _simple = SimpleRows.For(model.Signature, model.Featurizer);

    static JsonEncodedText Encode(string text) => JsonEncodedText.Encode(text, ServingJson.WriterOptions.Encoder);

    public async Task HandleAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var requestId = RequestId.Of(context);
        if (faultDelay > TimeSpan.Zero) await Task.Delay(faultDelay, context.RequestAborted);
        if (faultErrorRate > 0 && Random.Shared.NextDouble() < faultErrorRate)
        {
            await Problems.WriteAsync(context, 500, "Fault injected", FaultDetail, requestId);
            return;
        }
        // No content type is taken as JSON (curl -d without -H, many small clients); a named other type is a mistake to say.
        if (context.Request.ContentType is { } contentType && !BodyProblems.IsJson(contentType))
        {
            context.Response.Headers["Accept-Post"] = "application/json";
            await Problems.WriteAsync(context, 415, "Unsupported media type", $"Content-Type {contentType} is not JSON: send the rows as application/json", requestId);
            return;
        }
        var body = context.Request.BodyReader;
        ReadResult read;
        try { read = await ReadWholeAsync(body, context.RequestAborted); }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await Problems.WriteAsync(context, 413, "Request body too large", $"the body is larger than the server's limit of {context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes; send fewer rows per request", requestId);
            return;
        }
        try
        {
            // Most bodies: read straight into the features (SimpleRows); the rest, and every wrong one, the general way below.
            if (_simple is not null && read.Buffer.IsSingleSegment)
            {
                var features = ArrayPool<float>.Shared.Rent(model.Featurizer.FeatureCount);
                try
                {
                    var rows = _simple.TryEncode(read.Buffer.FirstSpan, ref features);
                    if (rows > 0)
                    {
                        await AnswerAsync(context, features, rows, log.Enabled ? Raw(read.Buffer.FirstSpan) : null, requestId, start);
                        return;
                    }
                }
                finally { ArrayPool<float>.Shared.Return(features); }
            }
            // Parsed where Kestrel received it, not copied: the buffers stay the reader's until the document is done.
            JsonDocument document;
            try { document = JsonDocument.Parse(read.Buffer); }
            catch (JsonException error)
            {
                await Problems.WriteAsync(context, 400, "Body is not JSON", $"{BodyProblems.NotJson(read.Buffer, error)}; send a JSON object (one row) or an array of objects (a batch)", requestId);
                return;
            }
            using (document) await AnswerAsync(context, document.RootElement, requestId, start);
        }
        finally { body.AdvanceTo(read.Buffer.End); }
    }

    /// <summary>Reads until the body has all arrived (the server's body size limit applies as it grows).</summary>
    static ValueTask<ReadResult> ReadWholeAsync(PipeReader body, CancellationToken cancellationToken)
    {
        // A one-row body mostly came in with the headers: then no await at all.
        if (!body.TryRead(out var read)) return WaitForRestAsync(body, cancellationToken);
        if (read.IsCompleted || read.IsCanceled) return ValueTask.FromResult(read);
        body.AdvanceTo(read.Buffer.Start, read.Buffer.End); // all seen, none used: wait for more
        return WaitForRestAsync(body, cancellationToken);
    }

    static async ValueTask<ReadResult> WaitForRestAsync(PipeReader body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            if (read.IsCompleted || read.IsCanceled) return read;
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    async Task AnswerAsync(HttpContext context, JsonElement root, string requestId, long start)
    {
        var batch = root.ValueKind == JsonValueKind.Array;
        var count = batch ? root.GetArrayLength() : 1;
        if (count == 0)
        {
            await Problems.WriteAsync(context, 400, "No rows", "the array holds no rows; send at least one", requestId);
            return;
        }
        // Each row's value of each column, found once for the check and the featurizer alike.
        var columns = model.Featurizer.Columns.Count;
        var values = ArrayPool<JsonElement>.Shared.Rent(count * columns);
        // Each row's scorer outputs: the answer is written from them (PredictionJson), with no Prediction made unless the log needs one.
        var width = model.Scorer.OutputCount;
        var outputs = ArrayPool<float>.Shared.Rent(count * width);
        try
        {
            try
            {
                var errors = Check(root, batch, values.AsSpan(0, count * columns));
                if (errors is not null)
                {
                    await Problems.WriteAsync(context, 400, "Invalid input", $"{errors.Count} field(s) do not match the model's signature; see errors", requestId, errors);
                    return;
                }
                Score(values.AsSpan(0, count * columns), count, outputs.AsSpan(0, count * width));
            }
            finally { ArrayPool<JsonElement>.Shared.Return(values, clearArray: true); } // they point into this request's document
            await SendAsync(context, outputs, count, log.Enabled ? JsonMarshal.GetRawUtf8Value(root).ToArray() : null, requestId, start);
        }
        finally { ArrayPool<float>.Shared.Return(outputs); }
    }

    /// <summary>The rows SimpleRows encoded (row i's features at i × FeatureCount), scored and answered.</summary>
    async Task AnswerAsync(HttpContext context, float[] features, int count, byte[]? raw, string requestId, long start)
    {
        var (featureCount, width) = (model.Featurizer.FeatureCount, model.Scorer.OutputCount);
        var outputs = ArrayPool<float>.Shared.Rent(count * width);
        try
        {
            for (var i = 0; i < count; i++) ScoreEncoded(features.AsSpan(i * featureCount, featureCount), outputs.AsSpan(i * width, width));
            await SendAsync(context, outputs, count, raw, requestId, start);
        }
        finally { ArrayPool<float>.Shared.Return(outputs); }
    }

    /// <summary>The body's value as JsonMarshal.GetRawUtf8Value gives a whole body's root: without the whitespace around it.</summary>
    static byte[] Raw(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).ToArray();

    /// <param name="raw">The request's rows as sent, for the prediction log (null when it is off).</param>
    async Task SendAsync(HttpContext context, float[] outputs, int count, byte[]? raw, string requestId, long start)
    {
        var width = model.Scorer.OutputCount;
        using var answer = new AnswerBuffer(256 + 128 * count); // about 100 bytes a row; it grows if need be
        if (!_answer.TryWrite(answer, requestId, outputs.AsSpan(0, count * width), width)) Write(answer, requestId, outputs.AsSpan(0, count * width), width);
        var caller = CallerOf(context);
        metrics.Callers.Add(caller, count);
        if (log.Enabled)
            log.TryAppend(new PredictionRecord(DateTimeOffset.UtcNow, requestId, caller, model.Digest, model.Version,
                Stopwatch.GetElapsedTime(start).TotalMilliseconds, raw!, Interpret(outputs.AsSpan(0, count * width), width)));
        await AnswerBuffer.SendAsync(context.Response, "application/json", answer.WrittenMemory, context.RequestAborted);
    }

    Prediction[] Interpret(ReadOnlySpan<float> outputs, int width)
    {
        var predictions = new Prediction[outputs.Length / width];
        for (var i = 0; i < predictions.Length; i++) predictions[i] = model.Signature.Interpret(outputs.Slice(i * width, width));
        return predictions;
    }

    /// <summary>
    /// Who asks: the <c>X-Trainyard-Caller</c> header, which the gateway sets from the caller's key (and strips from
    /// clients); "anonymous" without one. A single header value is returned as Kestrel holds it, not copied.
    /// </summary>
    internal static string CallerOf(HttpContext context) =>
        context.Request.Headers[CallerHeader] is { Count: 1 } values && values[0] is { Length: > 0 } name ? name : CallerCounts.Anonymous;

    public const string CallerHeader = "X-Trainyard-Caller";

    /// <summary>Checks every row, filling <paramref name="values"/> with each one's columns (row i's at i × columns); null when all are right.</summary>
    Dictionary<string, string[]>? Check(JsonElement root, bool batch, Span<JsonElement> values)
    {
        Dictionary<string, string[]>? errors = null;
        if (!batch) check.Check(root, values, -1, ref errors);
        else
        {
            var (i, columns) = (0, model.Featurizer.Columns.Count);
            foreach (var row in root.EnumerateArray()) check.Check(row, values.Slice(i * columns, columns), i++, ref errors);
        }
        return errors;
    }

    /// <summary>Scores each row into its scorer-output-count slots of <paramref name="outputs"/>.</summary>
    void Score(ReadOnlySpan<JsonElement> values, int count, Span<float> outputs)
    {
        var columns = model.Featurizer.Columns.Count;
        var width = model.Scorer.OutputCount;
        var features = ArrayPool<float>.Shared.Rent(model.Featurizer.FeatureCount);
        try
        {
            var span = features.AsSpan(0, model.Featurizer.FeatureCount);
            for (var i = 0; i < count; i++) ScoreRow(values.Slice(i * columns, columns), span, outputs.Slice(i * width, width));
        }
        finally { ArrayPool<float>.Shared.Return(features); }
    }

    void ScoreRow(ReadOnlySpan<JsonElement> values, Span<float> features, Span<float> outputs)
    {
        model.Featurizer.Encode(values, features, model.Unseen);
        ScoreEncoded(features, outputs);
    }

    void ScoreEncoded(ReadOnlySpan<float> features, Span<float> outputs)
    {
        model.Scorer.Predict(features, outputs);
        drift.Record(features);
        metrics.Scored(outputs);
        // As Interpret would have it: a regression's value is its output; a class is counted by its first index of that name.
        if (metrics.Values is { } histogram) histogram.Observe(outputs[0]);
        else
        {
            var classes = model.Signature.Output.Classes!;
            metrics.Predicted(IndexOf(classes, classes[model.Signature.LabelIndex(outputs)]));
        }
    }

    static int IndexOf(IReadOnlyList<string> classes, string label)
    {
        for (var k = 0; k < classes.Count; k++) if (ReferenceEquals(classes[k], label) || classes[k] == label) return k;
        return 0;
    }

    void Write(IBufferWriter<byte> body, string requestId, ReadOnlySpan<float> outputs, int width)
    {
        using var json = new Utf8JsonWriter(body, ServingJson.WriterOptions);
        AnswerText.WriteModel(json, _name, _version, _digest);
        json.WriteString("request_id"u8, requestId);
        json.WriteStartArray("predictions"u8);
        for (var i = 0; i < outputs.Length; i += width) _predictions.Write(json, outputs.Slice(i, width));
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
