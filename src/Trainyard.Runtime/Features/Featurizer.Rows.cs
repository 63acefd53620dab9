using System.Globalization;
using System.Text.Json;

namespace Trainyard.Runtime.Features;

/// <summary>
/// Encoding one row from raw values as the model server receives them (JSON numbers, strings, booleans, null).
/// An absent column is missing. A numeric column also takes a number written as a string; a boolean column takes
/// true/false (as JSON booleans, strings, or 0/1); a one-hot column takes any scalar, matched by its text.
/// Properties that are not feature columns (an id, the label) are ignored.
/// </summary>
public sealed partial class Featurizer
{
    /// <summary>Encodes a JSON object into <paramref name="features"/> (length <see cref="FeatureCount"/>).</summary>
    public void Encode(JsonElement row, Span<float> features, UnseenCategoryCounts? unseen = null)
    {
        if (row.ValueKind != JsonValueKind.Object)
            throw new ModelFormatException($"an input row must be a JSON object of column → value, got {row.ValueKind}");
        CheckLength(features);
        for (var c = 0; c < Columns.Count; c++)
        {
            var slots = features.Slice(_offsets[c], WidthOf(c));
            if (!row.TryGetProperty(Columns[c].Name, out var value)) { WriteMissing(c, slots); continue; }
            Encode(c, value, slots, unseen);
        }
    }

    /// <summary>Encodes values given as .NET objects (double, float, int, long, decimal, string, bool, null).</summary>
    public void Encode(IReadOnlyDictionary<string, object?> row, Span<float> features, UnseenCategoryCounts? unseen = null)
    {
        CheckLength(features);
        for (var c = 0; c < Columns.Count; c++)
        {
            var slots = features.Slice(_offsets[c], WidthOf(c));
            row.TryGetValue(Columns[c].Name, out var value);
            switch (value)
            {
                case null: WriteMissing(c, slots); break;
                case JsonElement element: Encode(c, element, slots, unseen); break;
                case bool flag: WriteBoolean(c, flag, slots, unseen); break;
                case string text: WriteText(c, text, slots, unseen); break;
                case double plain when Columns[c].Encoding == FeatureEncoding.Numeric: slots[0] = (float)plain; break;
                case double or float or int or long or decimal or short or byte:
                    var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    WriteNumber(c, number, Convert.ToString(value, CultureInfo.InvariantCulture)!, slots, unseen);
                    break;
                default: throw new ModelFormatException($"column '{Columns[c].Name}': a value of type {value.GetType().Name} cannot be encoded; give a number, string, boolean or null");
            }
        }
    }

    private void Encode(int column, JsonElement value, Span<float> slots, UnseenCategoryCounts? unseen)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined: WriteMissing(column, slots); break;
            case JsonValueKind.True or JsonValueKind.False: WriteBoolean(column, value.ValueKind == JsonValueKind.True, slots, unseen); break;
            // The number's text is only needed to match it as a category; don't allocate it otherwise.
            case JsonValueKind.Number when Columns[column].Encoding == FeatureEncoding.Numeric: slots[0] = (float)value.GetDouble(); break;
            case JsonValueKind.Number: WriteNumber(column, value.GetDouble(), value.GetRawText(), slots, unseen); break;
            case JsonValueKind.String: WriteText(column, value.GetString()!, slots, unseen); break;
            default: throw new ModelFormatException($"column '{Columns[column].Name}': expected a number, string, boolean or null, got a JSON {value.ValueKind.ToString().ToLowerInvariant()}");
        }
    }

    private void CheckLength(Span<float> features)
    {
        if (features.Length != FeatureCount)
            throw new ModelFormatException($"the feature buffer holds {features.Length} values; this featurizer writes {FeatureCount}");
    }
}
