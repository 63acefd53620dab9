using System.Text.Json;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Serving;

/// <summary>
/// A prediction written straight from the scorer's outputs: the bytes the serializer writes for
/// <see cref="ModelSignature.Interpret"/>'s <see cref="Prediction"/> (label, then each class's probability in the
/// model's class order; or the value), without making the prediction and its dictionary of probabilities for every
/// row. The class names are escaped once. Classes named alike (which a dictionary would merge) take the serializer's way.
/// </summary>
internal sealed class PredictionJson
{
    readonly ModelSignature _signature;
    readonly JsonEncodedText[]? _classes;
    readonly byte[][]? _labels, _names; // direct writing: {"label":"c","probabilities":{"  and  c":  (c escaped)
    readonly bool _binary;

    public PredictionJson(ModelSignature signature)
    {
        _signature = signature;
        var classes = signature.Output.Classes;
        _binary = signature.Output.PositiveClass is not null;
        if (classes is not null && classes.Distinct(StringComparer.Ordinal).Count() == classes.Count && (!_binary || classes.Count >= 2))
        {
            _classes = [.. classes.Select(c => JsonEncodedText.Encode(c, ServingJson.WriterOptions.Encoder))];
            _labels = [.. _classes.Select(c => (byte[])[.. "{\"label\":\""u8, .. c.EncodedUtf8Bytes, .. "\",\"probabilities\":{"u8])];
            _names = [.. _classes.Select(c => (byte[])[.. "\""u8, .. c.EncodedUtf8Bytes, .. "\":"u8])];
        }
    }

    /// <summary>Whether <see cref="WriteDirect"/> writes this model's predictions (not for classes named alike).</summary>
    public bool CanWriteDirect => _signature.Output.Classes is null || _classes is not null;

    /// <summary>
    /// The bytes <see cref="Write"/> writes for finite outputs, written without a Utf8JsonWriter (see AnswerText);
    /// only where <see cref="CanWriteDirect"/>.
    /// </summary>
    public void WriteDirect(AnswerBuffer body, ReadOnlySpan<float> outputs)
    {
        if (_labels is null)
        {
            AnswerText.Append(body, "{\"value\":"u8);
            AnswerText.Append(body, outputs[0]);
            AnswerText.Append(body, "}"u8);
            return;
        }
        AnswerText.Append(body, _labels[_signature.LabelIndex(outputs)]);
        if (_binary)
        {
            AnswerText.Append(body, _names![0]);
            AnswerText.Append(body, 1f - outputs[0]);
            AnswerText.Append(body, ","u8);
            AnswerText.Append(body, _names[1]);
            AnswerText.Append(body, outputs[0]);
        }
        else
            for (var k = 0; k < _names!.Length; k++)
            {
                if (k > 0) AnswerText.Append(body, ","u8);
                AnswerText.Append(body, _names[k]);
                AnswerText.Append(body, outputs[k]);
            }
        AnswerText.Append(body, "}}"u8);
    }

    public void Write(Utf8JsonWriter json, ReadOnlySpan<float> outputs)
    {
        if (_signature.Output.Classes is null)
        {
            json.WriteStartObject();
            json.WriteNumber("value"u8, outputs[0]);
            json.WriteEndObject();
            return;
        }
        if (_classes is null)
        {
            JsonSerializer.Serialize(json, _signature.Interpret(outputs), ServingJson.Default.Prediction);
            return;
        }
        json.WriteStartObject();
        json.WriteString("label"u8, _classes[_signature.LabelIndex(outputs)]);
        json.WriteStartObject("probabilities"u8);
        if (_binary)
        {
            json.WriteNumber(_classes[0], 1f - outputs[0]);
            json.WriteNumber(_classes[1], outputs[0]);
        }
        else
            for (var k = 0; k < _classes.Length; k++) json.WriteNumber(_classes[k], outputs[k]);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
