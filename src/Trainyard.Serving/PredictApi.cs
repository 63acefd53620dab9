using System.Buffers;
using System.Diagnostics;
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
            services.GetRequiredService<ServerMetrics>(), services.GetRequiredService<FeatureDrift>(), services.GetRequiredService<PredictionLog>());
        app.MapPost("/v1/predict", handler.HandleAsync);
    }
}

internal sealed class PredictHandler(ServedModel model, RowCheck check, ServerMetrics metrics, FeatureDrift drift, PredictionLog log)
{
    public async Task HandleAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var requestId = RequestId.Of(context);
        JsonDocument document;
        try { document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted); }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await Problems.WriteAsync(context, 413, "Request body too large", $"the body is larger than the server's limit of {context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes; send fewer rows per request", requestId);
            return;
        }
        catch (JsonException error)
        {
            await Problems.WriteAsync(context, 400, "Body is not JSON", $"the body is not valid JSON ({error.Message}); send a JSON object (one row) or an array of objects (a batch)", requestId);
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            var batch = root.ValueKind == JsonValueKind.Array;
            var count = batch ? root.GetArrayLength() : 1;
            if (count == 0)
            {
                await Problems.WriteAsync(context, 400, "No rows", "the array holds no rows; send at least one", requestId);
                return;
            }
            var errors = Check(root, batch);
            if (errors is not null)
            {
                await Problems.WriteAsync(context, 400, "Invalid input", $"{errors.Count} field(s) do not match the model's signature; see errors", requestId, errors);
                return;
            }

            var predictions = Score(root, batch, count);
            using var answer = new AnswerBuffer(256 + 128 * count); // about 100 bytes a row; it grows if need be
            Write(answer, requestId, predictions);
            if (log.Enabled)
                log.TryAppend(new PredictionRecord(DateTimeOffset.UtcNow, requestId, model.Digest, model.Version,
                    Stopwatch.GetElapsedTime(start).TotalMilliseconds, JsonMarshal.GetRawUtf8Value(root).ToArray(), predictions));
            await AnswerBuffer.SendAsync(context.Response, "application/json", answer.WrittenMemory, context.RequestAborted);
        }
    }

    Dictionary<string, string[]>? Check(JsonElement root, bool batch)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!batch) check.Check(root, "", errors);
        else
        {
            var i = 0;
            foreach (var row in root.EnumerateArray()) check.Check(row, $"[{i++}].", errors);
        }
        return errors.Count == 0 ? null : errors;
    }

    Prediction[] Score(JsonElement root, bool batch, int count)
    {
        var predictions = new Prediction[count];
        var features = ArrayPool<float>.Shared.Rent(model.Featurizer.FeatureCount);
        Span<float> outputs = stackalloc float[model.Scorer.OutputCount];
        try
        {
            var span = features.AsSpan(0, model.Featurizer.FeatureCount);
            if (!batch) predictions[0] = ScoreRow(root, span, outputs);
            else
            {
                var i = 0;
                foreach (var row in root.EnumerateArray()) predictions[i++] = ScoreRow(row, span, outputs);
            }
        }
        finally { ArrayPool<float>.Shared.Return(features); }
        return predictions;
    }

    Prediction ScoreRow(JsonElement row, Span<float> features, Span<float> outputs)
    {
        model.Featurizer.Encode(row, features, model.Unseen);
        model.Scorer.Predict(features, outputs);
        drift.Record(features);
        var prediction = model.Signature.Interpret(outputs);
        if (metrics.Values is { } values) values.Observe(prediction.Value!.Value);
        else metrics.Predicted(IndexOf(model.Signature.Output.Classes!, prediction.Label!));
        return prediction;
    }

    static int IndexOf(IReadOnlyList<string> classes, string label)
    {
        for (var k = 0; k < classes.Count; k++) if (ReferenceEquals(classes[k], label) || classes[k] == label) return k;
        return 0;
    }

    void Write(IBufferWriter<byte> body, string requestId, Prediction[] predictions)
    {
        using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteStartObject("model"u8);
        json.WriteString("name"u8, model.Name);
        json.WriteString("version"u8, model.Version);
        json.WriteString("digest"u8, model.Digest);
        json.WriteEndObject();
        json.WriteString("request_id"u8, requestId);
        json.WriteStartArray("predictions"u8);
        foreach (var prediction in predictions) JsonSerializer.Serialize(json, prediction, ServingJson.Default.Prediction);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
