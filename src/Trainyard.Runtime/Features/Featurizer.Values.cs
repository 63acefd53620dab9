using System.Globalization;

namespace Trainyard.Runtime.Features;

/// <summary>
/// One raw value into its column's slots. An empty string is missing, as an empty CSV field is on the build side,
/// so a row copied from the training file encodes the same way.
/// </summary>
public sealed partial class Featurizer
{
    private static void WriteMissing(int column, Span<float> slots) => slots.Fill(float.NaN);

    private void WriteNumber(int column, double number, string text, Span<float> slots, UnseenCategoryCounts? unseen)
    {
        switch (Columns[column].Encoding)
        {
            case FeatureEncoding.Numeric: slots[0] = (float)number; break;
            case FeatureEncoding.Boolean when number is 0 or 1: slots[0] = (float)number; break;
            case FeatureEncoding.Boolean: throw Expected(column, "true, false, 0 or 1", text);
            default: WriteCategory(column, text, slots, unseen); break;
        }
    }

    private void WriteBoolean(int column, bool flag, Span<float> slots, UnseenCategoryCounts? unseen)
    {
        switch (Columns[column].Encoding)
        {
            case FeatureEncoding.Numeric: throw Expected(column, "a number", flag ? "true" : "false");
            case FeatureEncoding.Boolean: slots[0] = flag ? 1f : 0f; break;
            default: WriteCategory(column, flag ? "true" : "false", slots, unseen); break;
        }
    }

    private void WriteText(int column, string text, Span<float> slots, UnseenCategoryCounts? unseen)
    {
        if (text.Length == 0) { WriteMissing(column, slots); return; }
        switch (Columns[column].Encoding)
        {
            case FeatureEncoding.Numeric:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) throw Expected(column, "a number", text);
                slots[0] = (float)number;
                break;
            case FeatureEncoding.Boolean:
                if (text.Equals("true", StringComparison.OrdinalIgnoreCase)) slots[0] = 1f;
                else if (text.Equals("false", StringComparison.OrdinalIgnoreCase)) slots[0] = 0f;
                else throw Expected(column, "true or false", text);
                break;
            default: WriteCategory(column, text, slots, unseen); break;
        }
    }

    /// <summary>A category training never saw is 0 in every slot (none of the known categories), counted, never an error.</summary>
    private void WriteCategory(int column, ReadOnlySpan<char> category, Span<float> slots, UnseenCategoryCounts? unseen)
    {
        slots.Clear();
        var slot = SlotOf(column, category);
        if (slot >= 0) slots[slot] = 1f;
        else unseen?.Add(column);
    }

    private ModelFormatException Expected(int column, string what, string got)
    {
        if (got.Length > 60) got = got[..57] + "...";
        return new ModelFormatException($"column '{Columns[column].Name}': expected {what}, got '{got}'");
    }
}
