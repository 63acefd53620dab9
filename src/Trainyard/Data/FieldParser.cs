using System.Runtime.CompilerServices;
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
    /// <summary>Invariant-culture decimal or exponent notation; inf and nan (as pandas and R write them) are not numbers here.</summary>
    /// <remarks>
    /// The fast path is inlined into the caller (the scan's numeric batch loop: ~11 million fields at 1M rows). As an
    /// AggressiveOptimization method this could not be inlined, and the fast path it called ran as ReadyToRun code:
    /// two calls per field, the hottest loop in precompiled code.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseNumber(ReadOnlySpan<byte> field, out double value) =>
        TryParsePlainDecimal(field, out value) || TryParseGeneral(field, out value);

    private static bool TryParseGeneral(ReadOnlySpan<byte> field, out double value)
    {
        if (Utf8Parser.TryParse(field, out value, out var consumed) && consumed == field.Length && double.IsFinite(value))
            return true;
        // Utf8Parser rejects a leading '+' and some exponent forms that double.Parse accepts; fall back rarely.
        return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Exact powers of ten: every one up to 10^22 is a double without rounding.</summary>
    static ReadOnlySpan<double> PowersOfTen => [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// Clinger's fast path, for the decimals that make up most numeric CSV fields (<c>-12.375</c>, <c>800</c>,
    /// <c>4.701E-004</c>): when the digits form an integer below 2^53 and the decimal exponent left after moving the
    /// point (the exponent part minus the digits after the point) is within ±22, both the integer and the power of
    /// ten are exact doubles, so one IEEE multiplication or division gives the correctly rounded value, as the
    /// general parser would, at a fraction of its cost. Anything else (long mantissas, huge exponents, odd forms)
    /// falls through to it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool TryParsePlainDecimal(ReadOnlySpan<byte> field, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (field.Length > 0 && field[0] is (byte)'-' or (byte)'+') { negative = field[0] == (byte)'-'; i = 1; }
        // Digits before the point, then after it, each in a loop of its own (one test per byte instead of four).
        // More than 19 digits may wrap the mantissa; such a field is left to the general parser below anyway.
        ulong mantissa = 0;
        uint digit;
        var integerStart = i;
        for (; i < field.Length && (digit = (uint)(field[i] - '0')) <= 9; i++) mantissa = mantissa * 10 + digit;
        var digits = i - integerStart;
        var fraction = 0;
        if (i < field.Length && field[i] == (byte)'.')
        {
            var fractionStart = ++i;
            for (; i < field.Length && (digit = (uint)(field[i] - '0')) <= 9; i++) mantissa = mantissa * 10 + digit;
            fraction = i - fractionStart;
            digits += fraction;
        }
        if (digits == 0 || digits > 19 || mantissa > (1UL << 53)) return false;
        var exponent = -fraction;
        if (i < field.Length && ((field[i] | 0x20) != (byte)'e' || !TryReadExponent(field[(i + 1)..], ref exponent))) return false;
        if (exponent < -22 || exponent > 22) return false;
        value = exponent < 0 ? mantissa / PowersOfTen[-exponent] : mantissa * PowersOfTen[exponent];
        if (negative) value = -value;
        return true;
    }

    /// <summary>Adds the digits after an <c>e</c> (optionally signed, at most 4, at least 1) to <paramref name="exponent"/>.</summary>
    static bool TryReadExponent(ReadOnlySpan<byte> text, ref int exponent)
    {
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] is (byte)'-' or (byte)'+') { negative = text[0] == (byte)'-'; i = 1; }
        if (i == text.Length || text.Length - i > 4) return false;
        var value = 0;
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9) return false;
            value = value * 10 + (int)digit;
        }
        exponent += negative ? -value : value;
        return true;
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
