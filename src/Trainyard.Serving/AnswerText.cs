using System.Globalization;
using System.Text.Json;

namespace Trainyard.Serving;

/// <summary>
/// The answer's bytes written directly, without a Utf8JsonWriter: the part before the request id made once (model
/// name, version and digest escaped as the writer escapes them), the id as it is, each prediction from
/// <see cref="PredictionJson.WriteDirect"/>. The same bytes as <see cref="PredictHandler"/>'s writer path — numbers
/// by the same float formatting the writer calls — and taken only where that is sure: an id of letters, digits and
/// <c>:-_.</c> (Kestrel's own ids are), finite outputs and a prediction shape <see cref="PredictionJson"/> writes itself.
/// Anything else returns false before writing a byte, and the writer path answers (AnswerTextTests compare the two).
/// </summary>
internal sealed class AnswerText(byte[] beforeId, PredictionJson predictions)
{
    /// <summary><c>{"model":{"name":…,"version":…,"digest":…},"request_id":</c> as the writer writes it.</summary>
    public static byte[] BeforeId(JsonEncodedText name, JsonEncodedText version, JsonEncodedText digest)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, ServingJson.WriterOptions))
        {
            WriteModel(json, name, version, digest);
            json.WritePropertyName("request_id"u8);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The answer's start, <c>{"model":{…}</c>: one home for both paths, so their bytes agree by construction.</summary>
    public static void WriteModel(Utf8JsonWriter json, JsonEncodedText name, JsonEncodedText version, JsonEncodedText digest)
    {
        json.WriteStartObject();
        json.WriteStartObject("model"u8);
        json.WriteString("name"u8, name);
        json.WriteString("version"u8, version);
        json.WriteString("digest"u8, digest);
        json.WriteEndObject();
    }

    public bool TryWrite(AnswerBuffer body, string requestId, ReadOnlySpan<float> outputs, int width)
    {
        if (!predictions.CanWriteDirect || !PlainId(requestId)) return false;
        foreach (var output in outputs) if (!float.IsFinite(output)) return false; // the writer throws for these: let it
        var span = body.GetSpan(beforeId.Length + requestId.Length + 2 + PredictionsStart.Length);
        beforeId.CopyTo(span);
        var at = beforeId.Length;
        span[at++] = (byte)'"';
        foreach (var c in requestId) span[at++] = (byte)c;
        span[at++] = (byte)'"';
        PredictionsStart.CopyTo(span[at..]);
        body.Advance(at + PredictionsStart.Length);
        for (var i = 0; i < outputs.Length; i += width)
        {
            if (i > 0) Append(body, ","u8);
            predictions.WriteDirect(body, outputs.Slice(i, width));
        }
        Append(body, "]}"u8);
        return true;
    }

    static ReadOnlySpan<byte> PredictionsStart => ",\"predictions\":["u8;

    /// <summary>Characters no JSON encoder escapes.</summary>
    static bool PlainId(string id)
    {
        foreach (var c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.')) return false;
        return true;
    }

    public static void Append(AnswerBuffer body, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(body.GetSpan(bytes.Length));
        body.Advance(bytes.Length);
    }

    /// <summary>A number as Utf8JsonWriter.WriteNumberValue(float) writes it: the shortest round-trip text, invariant culture.</summary>
    public static void Append(AnswerBuffer body, float value)
    {
        var span = body.GetSpan(32);
        if (!value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture)) throw new InvalidOperationException("a float's text exceeded 32 bytes");
        body.Advance(written);
    }
}
