using System.Globalization;
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

    // Digits on both sides of 8 and 16 bytes, leading zeros, signs, points at either end, exponents.
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
    public void NumbersOfEightToSeventeenBytesMatchTheGeneralParserExactly(string text)
    {
        Assert.True(FieldParser.TryParseNumber(Encoding.UTF8.GetBytes(text), out var value));
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
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
    public void TextIsNotANumber(string text) =>
        Assert.False(FieldParser.TryParseNumber(Encoding.UTF8.GetBytes(text), out _));
}
