using System.Text.Json;

namespace Trainyard.Monitoring;

/// <summary>
/// One line of the model server's prediction log (docs/serving.md, "Prediction log"). <see cref="Inputs"/> and
/// <see cref="Outputs"/> point into the line's parsed document, so a request is valid only inside the callback that
/// receives it: readers aggregate it and keep nothing.
/// </summary>
/// <param name="Inputs">The request's row (an object) or rows (an array), as the client sent them.</param>
/// <param name="Outputs">One prediction per row: <c>label</c> and <c>probabilities</c>, or <c>value</c>.</param>
internal readonly record struct LoggedRequest(
    DateTimeOffset Time, string RequestId, string Caller, string Version, string Digest, double LatencyMs, JsonElement Inputs, JsonElement Outputs)
{
    public int Rows => Outputs.GetArrayLength();

    /// <summary>Row <paramref name="index"/>'s inputs.</summary>
    public JsonElement Row(int index) => Inputs.ValueKind == JsonValueKind.Array ? Inputs[index] : Inputs;

    /// <summary>Reads one line; null when it is not a whole, well-formed log record (the caller counts it as skipped).</summary>
    public static LoggedRequest? From(JsonElement line)
    {
        if (line.ValueKind != JsonValueKind.Object) return null;
        if (!line.TryGetProperty("time"u8, out var time) || time.ValueKind != JsonValueKind.String || !time.TryGetDateTimeOffset(out var at)) return null;
        if (!line.TryGetProperty("outputs"u8, out var outputs) || outputs.ValueKind != JsonValueKind.Array) return null;
        if (!line.TryGetProperty("inputs"u8, out var inputs)) return null;
        var rows = outputs.GetArrayLength();
        var inputRows = inputs.ValueKind switch { JsonValueKind.Object => 1, JsonValueKind.Array => inputs.GetArrayLength(), _ => -1 };
        if (rows == 0 || inputRows != rows) return null;
        return new LoggedRequest(at, Text(line, "request_id"u8) ?? "", Text(line, "caller"u8) ?? "anonymous",
            Text(line, "model_version"u8) ?? "unknown", Text(line, "model_digest"u8) ?? "",
            line.TryGetProperty("latency_ms"u8, out var latency) && latency.ValueKind == JsonValueKind.Number ? latency.GetDouble() : double.NaN,
            inputs, outputs);
    }

    static string? Text(JsonElement line, ReadOnlySpan<byte> name) =>
        line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
