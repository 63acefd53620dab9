using System.Text.Json;

namespace Trainyard.Monitoring;

/// <summary>
/// One line of the model server's prediction log (docs/serving.md, "Prediction log"), read by <see cref="LoggedLine"/>.
/// It points into the reader's buffer, so a request is valid only inside the callback that receives it: readers
/// aggregate it and keep nothing.
/// </summary>
internal readonly struct LoggedRequest
{
    readonly LoggedLine _line;

    internal LoggedRequest(LoggedLine line, DateTimeOffset time, string caller, string version, string digest, double latencyMs)
    {
        _line = line;
        (Time, Caller, Version, Digest, LatencyMs) = (time, caller, version, digest, latencyMs);
    }

    public DateTimeOffset Time { get; }
    public string Caller { get; }
    public string Version { get; }
    public string Digest { get; }
    public double LatencyMs { get; }

    /// <summary>The id the server logged (X-Request-Id when the client sent one); "" when absent.</summary>
    public string RequestId => _line.RequestId;

    public int Rows => _line.Rows;

    /// <summary>The request's row (an object) or rows (an array), as the client sent them.</summary>
    public JsonElement Inputs => _line.Inputs;

    /// <summary>One prediction per row: <c>label</c> and <c>probabilities</c>, or <c>value</c>.</summary>
    public JsonElement Outputs => _line.Outputs;

    /// <summary>Row <paramref name="index"/>'s inputs.</summary>
    public JsonElement Row(int index) => Inputs.ValueKind == JsonValueKind.Array ? Inputs[index] : Inputs;

    /// <summary>Row <paramref name="index"/>'s inputs as the UTF-8 JSON the line holds (what the input profilers walk, without a document).</summary>
    public ReadOnlySpan<byte> RowUtf8(int index) => _line.RowUtf8(index);

    /// <summary>Prediction <paramref name="index"/> as the UTF-8 JSON the line holds.</summary>
    public ReadOnlySpan<byte> PredictionUtf8(int index) => _line.PredictionUtf8(index);

    /// <summary>Prediction <paramref name="index"/> (what <see cref="Outputs"/><c>[index]</c> is).</summary>
    public JsonElement Prediction(int index) => _line.Prediction(index);
}
