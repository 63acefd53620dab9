using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
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
        var values = new JsonElement[Columns.Count];
        FindColumns(row, values);
        Encode(values, features, unseen);
    }

    /// <summary>
    /// Each column's value in a JSON object, in one pass over its properties: <paramref name="values"/>[c] is column
    /// c's, or default (<see cref="JsonValueKind.Undefined"/>, missing) when the row lacks it. Of repeated names the
    /// last counts, as with <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>. Clients mostly send the
    /// columns in the model's order, so each property is first compared with the column at its own position.
    /// </summary>
    internal void FindColumns(JsonElement row, Span<JsonElement> values)
    {
        values[..Columns.Count].Clear();
        var position = 0;
        foreach (var property in row.EnumerateObject())
        {
            var column = position < _utf8Names.Length && property.NameEquals(_utf8Names[position]) ? position : ColumnOf(property);
            if (column >= 0) values[column] = property.Value;
            position++;
        }
    }

    private int ColumnOf(JsonProperty property)
    {
        for (var c = 0; c < _utf8Names.Length; c++) if (property.NameEquals(_utf8Names[c])) return c;
        return -1;
    }

    /// <summary>Encodes each column's value as <see cref="FindColumns"/> found them into <paramref name="features"/>.</summary>
    internal void Encode(ReadOnlySpan<JsonElement> values, Span<float> features, UnseenCategoryCounts? unseen)
    {
        CheckLength(features);
        for (var c = 0; c < Columns.Count; c++) Encode(c, values[c], features.Slice(_offsets[c], WidthOf(c)), unseen);
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
            case JsonValueKind.String when Columns[column].Encoding == FeatureEncoding.OneHot: WriteCategory(column, value, slots, unseen); break;
            case JsonValueKind.String: WriteText(column, value.GetString()!, slots, unseen); break;
            default: throw new ModelFormatException($"column '{Columns[column].Name}': expected a number, string, boolean or null, got a JSON {value.ValueKind.ToString().ToLowerInvariant()}");
        }
    }

    /// <summary>A category sent as a JSON string, looked up without making a string of it: the server does this for each one-hot column of every row.</summary>
    private void WriteCategory(int column, JsonElement text, Span<float> slots, UnseenCategoryCounts? unseen)
    {
        var utf8 = JsonMarshal.GetRawUtf8Value(text)[1..^1]; // the raw value keeps its quotes
        if (utf8.IsEmpty) { WriteMissing(column, slots); return; }
        if (utf8.Length > 128 || utf8.Contains((byte)'\\')) { WriteText(column, text.GetString()!, slots, unseen); return; }
        Span<char> category = stackalloc char[128]; // the parser has checked the UTF-8, and 128 bytes are at most 128 chars
        WriteCategory(column, category[..Encoding.UTF8.GetChars(utf8, category)], slots, unseen);
    }

    private void CheckLength(Span<float> features)
    {
        if (features.Length != FeatureCount)
            throw new ModelFormatException($"the feature buffer holds {features.Length} values; this featurizer writes {FeatureCount}");
    }
}
