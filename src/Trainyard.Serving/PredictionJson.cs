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
    readonly bool _binary;

    public PredictionJson(ModelSignature signature)
    {
        _signature = signature;
        var classes = signature.Output.Classes;
        _binary = signature.Output.PositiveClass is not null;
        if (classes is not null && classes.Distinct(StringComparer.Ordinal).Count() == classes.Count && (!_binary || classes.Count >= 2))
            _classes = [.. classes.Select(c => JsonEncodedText.Encode(c, ServingJson.WriterOptions.Encoder))];
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
