using Trainyard.Data.Csv;

namespace Trainyard.Tests.Data.Csv;

/// <summary>
/// The block classifier at each vector width against masks built from first principles: bytes placed at known
/// positions (on and around the 16- and 32-byte lane edges), each position's bit set by hand.
/// </summary>
public class BlockClassesTests
{
    private delegate BlockClasses Classify(ref byte start, byte delimiter, byte quote);

    public static TheoryData<string> Widths => new() { "512", "256", "128", "best" };

    private static Classify Width(string width) => width switch
    {
        "512" => BlockClasses.Of512,
        "256" => BlockClasses.Of256,
        "128" => BlockClasses.Of128,
        _ => BlockClasses.Of,
    };

    private static readonly int[] Delimiters = [0, 17, 40];
    private static readonly int[] Quotes = [5, 32, 63];
    private static readonly int[] CarriageReturns = [31, 48];
    private static readonly int[] LineFeeds = [15, 16, 47];

    /// <summary>A 64-byte block of filler (ASCII and bytes with the high bit set) with each class at its positions.</summary>
    private static byte[] Block(byte delimiter, byte quote, byte filler)
    {
        var block = new byte[64];
        for (var i = 0; i < block.Length; i++) block[i] = i % 3 == 0 ? (byte)0xFF : filler;
        foreach (var i in Delimiters) block[i] = delimiter;
        foreach (var i in Quotes) block[i] = quote;
        foreach (var i in CarriageReturns) block[i] = (byte)'\r';
        foreach (var i in LineFeeds) block[i] = (byte)'\n';
        return block;
    }

    private static void AssertAtTheirPositions(BlockClasses classes) =>
        Assert.Equal((Bits(Delimiters), Bits(Quotes), Bits(CarriageReturns), Bits(LineFeeds)),
            (classes.Delimiters, classes.Quotes, classes.CarriageReturns, classes.LineFeeds));

    private static ulong Bits(int[] positions) => positions.Aggregate(0UL, (mask, i) => mask | (1UL << i));

    // Widths the machine lacks run in .NET's software fallback, which must give the same masks.
    [Theory]
    [MemberData(nameof(Widths))]
    public void EachClassIsFoundAtItsPositions(string width)
    {
        var block = Block((byte)',', (byte)'"', (byte)'x');
        var classes = Width(width)(ref block[0], (byte)',', (byte)'"');
        AssertAtTheirPositions(classes);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void TheDelimiterAndQuoteGivenAreTheOnesFound(string width)
    {
        // Commas and double quotes as filler are data when the format uses ';' and '\''.
        var block = Block((byte)';', (byte)'\'', (byte)',');
        block[1] = (byte)'"';
        var classes = Width(width)(ref block[0], (byte)';', (byte)'\'');
        AssertAtTheirPositions(classes);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void OnlyTheSixtyFourBytesAtTheStartAreRead(string width)
    {
        // Structural bytes just before and after the block must not show up in its masks.
        var data = new byte[66];
        Array.Fill(data, (byte)',');
        Array.Fill(data, (byte)'a', 1, 64);
        var classes = Width(width)(ref data[1], (byte)',', (byte)'"');
        Assert.Equal(0UL, classes.Delimiters | classes.Quotes | classes.CarriageReturns | classes.LineFeeds);
    }
}
