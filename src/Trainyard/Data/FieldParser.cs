using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Trainyard.Data;

/// <summary>
/// Parses one CSV field (UTF-8 bytes, quotes already removed) as a typed value. The in-memory reader, the streaming
/// profiler and type inference all use these, so a value means the same thing everywhere.
/// </summary>
internal static class FieldParser
{
    /// <summary>Invariant-culture decimal or exponent notation; also inf/-inf/nan as written by pandas and R are NOT numbers here.</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> field, out double value)
    {
        if (Utf8Parser.TryParse(field, out value, out var consumed) && consumed == field.Length && double.IsFinite(value))
            return true;
        // Utf8Parser rejects a leading '+' and some exponent forms that double.Parse accepts; fall back rarely.
        return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>true/false in any letter case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<byte> field, out bool value)
    {
        if (Ascii.EqualsIgnoreCase(field, "true"u8)) { value = true; return true; }
        if (Ascii.EqualsIgnoreCase(field, "false"u8)) { value = false; return true; }
        value = false;
        return false;
    }

    /// <summary>ISO 8601 date (yyyy-MM-dd) or timestamp, read as UTC when no offset is given.</summary>
    public static bool TryParseDateTime(ReadOnlySpan<byte> field, out DateTime value)
    {
        value = default;
        if (field.Length < 10 || field[4] != (byte)'-' || field[7] != (byte)'-') return false;
        Span<char> chars = stackalloc char[Math.Min(field.Length, 64)];
        if (field.Length > 64 || Encoding.UTF8.GetChars(field, chars) != field.Length) return false;
        return DateTime.TryParse(chars[..field.Length], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
    }
}
