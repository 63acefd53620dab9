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
    public void NumbersMatchTheGeneralParserExactly(string text)
    {
        Assert.True(FieldParser.TryParseNumber(Encoding.UTF8.GetBytes(text), out var value));
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("N/A")]
    [InlineData("1.2.3")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("12a")]
    [InlineData("1 000")]
    [InlineData("inf")]
    [InlineData("NaN")]
    [InlineData("")]
    public void TextIsNotANumber(string text) =>
        Assert.False(FieldParser.TryParseNumber(Encoding.UTF8.GetBytes(text), out _));
}
