using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text;
using Trainyard.Data;

namespace Trainyard.Tests.Data;

public sealed class FieldParsing
{
    // Expected values from the .NET general parser (double.Parse, invariant culture), which is correctly rounded:
    // the fast path for plain decimals must agree with it bit for bit.
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("800")]
    [InlineData("+12.5")]
    [InlineData("-12.375")]
    [InlineData("0.1")]
    [InlineData("0.000001")]
    [InlineData("3.141592653589793")]
    [InlineData("9007199254740992")]        // 2^53: the largest mantissa the fast path takes
    [InlineData("9007199254740993")]        // 2^53 + 1: falls back, must still round correctly
    [InlineData("123456789012345678901")]   // more than 19 digits
    [InlineData("0.1234567890123456789012345")] // more than 22 decimals
    [InlineData("1e-3")]
    [InlineData("-4.2E+5")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("4.701E-004")]              // exponent notation: the fast path moves the point by the exponent
    [InlineData("-1.072E-003")]
    [InlineData("1.e5")]
    [InlineData("-0e5")]
    [InlineData("123456789e-30")]           // beyond 10^±22: falls back
    [InlineData("1E0005")]                  // more than 4 exponent digits: falls back
    [InlineData("1.7976931348623157e308")]
    [InlineData("5e-324")]
    [InlineData("-.5")]
    [InlineData("00012.5000")]
    [InlineData("1234567890123456789")]     // 19 digits, above 2^53: falls back
    [InlineData("12345678901234567890.5")]  // 21 digits: the fast path's mantissa wraps, it must fall back
    [InlineData("0.00000000000000000001234")] // 24 digits after the point
    public void NumbersMatchTheGeneralParserExactly(string text)
    {
        Assert.True(FieldParser.TryParseNumber(Encoding.UTF8.GetBytes(text), out var value));
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Fact]
    public void RandomDecimalsInEveryNotationMatchTheGeneralParserExactly()
    {
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 19);
            var text = new StringBuilder(random.Next(3) == 0 ? "-" : "");
            for (var d = 0; d < digits; d++) text.Append((char)('0' + random.Next(10)));
            if (random.Next(2) == 0) text.Insert(text.Length - random.Next(digits + 1), '.');
            if (random.Next(2) == 0) text.Append(random.Next(2) == 0 ? 'e' : 'E').Append(random.Next(-30, 31).ToString("+0;-0", CultureInfo.InvariantCulture));
            var field = text.ToString();
            Assert.True(FieldParser.TryParseNumber(Encoding.UTF8.GetBytes(field), out var value), field);
            var expected = double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), $"{field}: {value:R} instead of {expected:R}");
        }
    }

    // The 16-byte path (DecimalWords): digits on both sides of the 8-byte middle, leading zeros, signs, points at
    // either end, exponents, 16 and 17 characters, and bytes after the field that look like more of a number.
    [Theory]
    [InlineData("7")]
    [InlineData("-7")]
    [InlineData("+7")]
    [InlineData("-0")]
    [InlineData("0000000000000000")]
    [InlineData("-000000000000000")]
    [InlineData("00000000000000012")]
    [InlineData(".5")]
    [InlineData("-.5")]
    [InlineData("5.")]
    [InlineData("-5.")]
    [InlineData("12345678")]
    [InlineData("123456789")]
    [InlineData("1234567.8")]
    [InlineData("12345678.9")]
    [InlineData("-1234567.89")]
    [InlineData("1234567890123456")]        // 16 digits, above 2^53: falls back
    [InlineData("9007199254740992")]        // 2^53
    [InlineData("900719925474099.2")]
    [InlineData("-.123456789012345")]
    [InlineData("123456789012345.")]
    [InlineData("0.1234567890123456")]      // 17 characters: beyond the vector, the byte loop answers
    [InlineData("1234567890123456789")]
    [InlineData("12345678901234567890")]
    [InlineData("4.701E-004")]
    [InlineData("-1.072E-003")]
    [InlineData("1e22")]
    [InlineData("1e23")]                    // beyond 10^22: falls back
    [InlineData("123.456e-22")]             // 10^-25 in all: falls back
    [InlineData("-0e5")]
    [InlineData("1.e5")]
    [InlineData("5E+0")]
    [InlineData("12345678901234e+1")]
    public void SixteenBytePathMatchesTheGeneralParserExactly(string text)
    {
        foreach (var after in new[] { "", ",", "1234567890123456", ".e5-", "\n", "\u00e9" })
        {
            var field = Encoding.UTF8.GetBytes(text);
            Assert.True(TryParsePadded(field, Encoding.UTF8.GetBytes(after), out var value), text);
            var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
        }
    }

    [Fact]
    public void RandomDecimalsOnTheSixteenBytePathMatchTheGeneralParserExactly()
    {
        var random = new Random(11);
        var junk = Encoding.UTF8.GetBytes("0123456789.eE-+,x");
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 18);
            var text = new StringBuilder(random.Next(4) switch { 0 => "-", 1 => "+", _ => "" });
            for (var d = 0; d < digits; d++) text.Append((char)('0' + random.Next(10)));
            if (random.Next(3) != 0) text.Insert(text.Length - random.Next(digits + 1), '.');
            if (random.Next(3) == 0) text.Append(random.Next(2) == 0 ? 'e' : 'E').Append(random.Next(-30, 31).ToString(random.Next(2) == 0 ? "+0;-0" : "000;-000", CultureInfo.InvariantCulture));
            var field = text.ToString();
            var after = Enumerable.Range(0, 16).Select(_ => junk[random.Next(junk.Length)]).ToArray();
            Assert.True(TryParsePadded(Encoding.UTF8.GetBytes(field), after, out var value), field);
            var expected = double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), $"{field}: {value:R} instead of {expected:R}");
        }
    }

    // The scan's common fields must not all fall back to the byte loop (which would also give the right answers).
    [Theory]
    [InlineData("53.884", 53.884)]
    [InlineData("-6.623", -6.623)]
    [InlineData("320233187", 320233187.0)]
    [InlineData("4.701E-004", 4.701E-004)]
    [InlineData("-.5", -0.5)]
    public void CommonFieldsTakeTheSixteenBytePath(string text, double expected)
    {
        var buffer = new byte[32];
        Encoding.UTF8.GetBytes(text + ",1.5,level_01").AsSpan(0, 16).CopyTo(buffer);
        // Without SSE4.1 (not x86) the path answers false and the byte loop parses everything.
        Assert.Equal(DecimalWords.IsSupported, DecimalWords.TryParse(buffer.AsSpan(0, text.Length), Vector128.Create(buffer.AsSpan(0, 16)), out var value));
        if (DecimalWords.IsSupported) Assert.Equal(expected, value);
    }

    /// <summary>The 16-byte overload on <paramref name="field"/> followed by <paramref name="after"/> in one buffer (padded to 16 bytes).</summary>
    private static bool TryParsePadded(byte[] field, byte[] after, out double value)
    {
        var buffer = new byte[Math.Max(16, field.Length + after.Length)];
        field.CopyTo(buffer, 0);
        after.CopyTo(buffer, field.Length);
        return FieldParser.TryParseNumber(buffer.AsSpan(0, field.Length), Vector128.Create(buffer.AsSpan(0, 16)), out value);
    }

    [Theory]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1e5.0")]
    [InlineData("e5")]
    [InlineData("N/A")]
    [InlineData("1.2.3")]
    [InlineData("1..5")]
    [InlineData("1.5.")]
    [InlineData("-.")]
    [InlineData("1.5e")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("12a")]
    [InlineData("1 000")]
    [InlineData("inf")]
    [InlineData("NaN")]
    [InlineData("+")]
    [InlineData("+-5")]
    [InlineData("-+5")]
    [InlineData("5-")]
    [InlineData("--5")]
    [InlineData(".e5")]
    [InlineData("-e5")]
    [InlineData("1e5e")]
    [InlineData("1.5e+-3")]
    [InlineData("1.5e12345")]
    [InlineData("12345678.5.")]
    [InlineData("1234567\u00e9")]
    [InlineData("")]
    public void TextIsNotANumber(string text)
    {
        Assert.False(FieldParser.TryParseNumber(Encoding.UTF8.GetBytes(text), out _));
        Assert.False(TryParsePadded(Encoding.UTF8.GetBytes(text), "1234567890123456"u8.ToArray(), out _));
        Assert.False(TryParsePadded(Encoding.UTF8.GetBytes(text), "e5.-"u8.ToArray(), out _));
    }
}
