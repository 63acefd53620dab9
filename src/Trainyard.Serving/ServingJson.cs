using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Serving;

/// <summary>Source-generated JSON for what the server writes, so the hot path needs no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Prediction))]
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class ServingJson : JsonSerializerContext
{
    /// <summary>
    /// How every answer is written: the relaxed encoder leaves apostrophes, accents and the like as they are (the
    /// default escapes them for embedding in HTML, which no client of this API does) and still escapes quotes and
    /// control characters. The serializer takes the encoder from the writer, so the source-generated contexts keep
    /// working unchanged (and trimmed); a struct, so passing it costs nothing per request.
    /// </summary>
    public static JsonWriterOptions WriterOptions => new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A prediction as text (messages only: the self-test's), with the same encoder as answers.</summary>
    public static string Text(Prediction prediction)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions)) JsonSerializer.Serialize(json, prediction, Default.Prediction);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

/// <summary>An RFC 7807 problem: <c>errors</c> maps each offending field (<c>Age</c>, <c>[3].Home</c> in a batch) to what is wrong with it.</summary>
internal sealed record ProblemBody(
    string Title,
    int Status,
    string Detail,
    string? RequestId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public string Type => "about:blank";
}
