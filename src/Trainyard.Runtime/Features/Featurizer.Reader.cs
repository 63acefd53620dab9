using System.Text;
using System.Text.Json;

namespace Trainyard.Runtime.Features;

/// <summary>
/// The model server's fast path: one JSON row read token by token straight into the feature vector, with no
/// <see cref="JsonDocument"/> between. It takes only rows whose every value the general path (the server's row
/// check, then <see cref="Encode(ReadOnlySpan{JsonElement}, Span{float}, UnseenCategoryCounts?)"/>) would accept
/// and encode the one obvious way: each column present once, a number for a numeric column, true/false for a
/// boolean one, a known category as a plain string (no escapes) for a one-hot one; other properties skipped. For
/// any other row it answers false and the caller reads the body the general way, which finds the same values (or
/// says what is wrong), so answers and error messages are the general path's by construction.
/// </summary>
public sealed partial class Featurizer
{
    /// <summary>
    /// Reads the object <paramref name="reader"/> stands at the start of into <paramref name="features"/>; true when
    /// the whole row was simple (the reader then stands at its end). Throws <see cref="JsonException"/> for malformed JSON.
    /// </summary>
    internal bool TryEncodeSimpleRow(ref Utf8JsonReader reader, Span<float> features)
    {
        var count = _utf8Names.Length;
        if (count > 64 || features.Length != FeatureCount || reader.TokenType != JsonTokenType.StartObject) return false;
        ulong seen = 0;
        var position = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // As FindColumns: clients mostly send the columns in the model's order, so try the one at this position first.
            var column = position < count && reader.ValueTextEquals(_utf8Names[position]) ? position : ColumnOf(ref reader);
            position++;
            reader.Read();
            if (column < 0)
            {
                reader.Skip(); // not a column: any value, as the general path ignores it
                continue;
            }
            var bit = 1UL << column;
            if ((seen & bit) != 0) return false; // repeated: the general path takes the last
            seen |= bit;
            if (!TryWriteSimple(column, ref reader, features.Slice(_offsets[column], WidthOf(column)))) return false;
        }
        // Every column given: a missing one is the general path's to judge (required, or NaN).
        return reader.TokenType == JsonTokenType.EndObject && seen == (count == 64 ? ulong.MaxValue : (1UL << count) - 1);
    }

    /// <summary>
    /// A JSON integer of at most 15 digits, which any correctly rounding parser (Utf8Parser, under TryGetDouble)
    /// turns into exactly this double; the rest (fractions, exponents, longer numbers) is TryGetDouble's.
    /// </summary>
    private static bool TryParseInteger(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var negative = text.Length > 0 && text[0] == (byte)'-';
        var digits = negative ? text[1..] : text;
        if (digits.Length is 0 or > 15) return false;
        long integer = 0;
        foreach (var digit in digits)
        {
            var d = (uint)(digit - '0');
            if (d > 9) return false;
            integer = integer * 10 + d;
        }
        value = negative ? -(double)integer : integer;
        return true;
    }

    /// <summary>For each one-hot column with few categories, each one's UTF-8 in slot order; null for the others and
    /// where a category's text would not come back from its bytes (a lone surrogate), so byte equality is text equality.</summary>
    private static byte[][]?[] Utf8Categories(IReadOnlyList<FeatureColumn> columns) =>
    [
        .. columns.Select(c => c is { Encoding: FeatureEncoding.OneHot, Categories: { Count: <= 16 } categories }
                               && categories.All(t => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(t)) == t)
            ? categories.Select(Encoding.UTF8.GetBytes).ToArray() : null),
    ];

    private int ColumnOf(ref Utf8JsonReader reader)
    {
        for (var c = 0; c < _utf8Names.Length; c++) if (reader.ValueTextEquals(_utf8Names[c])) return c;
        return -1;
    }

    private bool TryWriteSimple(int column, ref Utf8JsonReader reader, Span<float> slots)
    {
        switch (Columns[column].Encoding, reader.TokenType)
        {
            // The number parsed as JsonElement.GetDouble parses it (the same Utf8Parser call under both).
            case (FeatureEncoding.Numeric, JsonTokenType.Number) when !reader.HasValueSequence && TryParseInteger(reader.ValueSpan, out var integer):
                slots[0] = (float)integer;
                return true;
            case (FeatureEncoding.Numeric, JsonTokenType.Number) when reader.TryGetDouble(out var number):
                slots[0] = (float)number;
                return true;
            case (FeatureEncoding.Boolean, JsonTokenType.True or JsonTokenType.False):
                slots[0] = reader.TokenType == JsonTokenType.True ? 1f : 0f;
                return true;
            case (FeatureEncoding.OneHot, JsonTokenType.String) when !reader.ValueIsEscaped && !reader.HasValueSequence && _utf8Categories[column] is { } known:
                // Byte for byte against the categories' UTF-8: equal bytes are equal text (a miss is left to the general path).
                var text = reader.ValueSpan;
                for (var k = 0; k < known.Length; k++)
                {
                    if (!text.SequenceEqual(known[k])) continue;
                    slots.Clear();
                    slots[k] = 1f;
                    return true;
                }
                return false;
            case (FeatureEncoding.OneHot, JsonTokenType.String) when !reader.ValueIsEscaped && !reader.HasValueSequence
                                                                    && reader.ValueSpan is { Length: > 0 and <= 128 } utf8:
                Span<char> category = stackalloc char[128]; // the reader has checked the UTF-8; 128 bytes are at most 128 chars
                var slot = SlotOf(column, category[..Encoding.UTF8.GetChars(utf8, category)]);
                if (slot < 0) return false; // unseen: counted, or refused, by the general path
                slots.Clear();
                slots[slot] = 1f;
                return true;
            default:
                return false;
        }
    }
}
