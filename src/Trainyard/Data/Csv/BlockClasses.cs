using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Trainyard.Data.Csv;

/// <summary>
/// Where the delimiters, quotes, CRs and LFs of one 64-byte block are: one bit mask per class, bit i for byte i.
/// The one place the tokenizer classifies bytes with vectors; <see cref="StructuralIndex"/> and
/// <see cref="StructuralMask"/> combine the masks they need.
/// </summary>
internal readonly struct BlockClasses
{
    public const int Block = 64;

    public readonly ulong Delimiters;
    public readonly ulong Quotes;
    public readonly ulong CarriageReturns;
    public readonly ulong LineFeeds;

    public BlockClasses(ulong delimiters, ulong quotes, ulong carriageReturns, ulong lineFeeds)
    {
        Delimiters = delimiters;
        Quotes = quotes;
        CarriageReturns = carriageReturns;
        LineFeeds = lineFeeds;
    }

    /// <summary>Classifies the 64 bytes at <paramref name="start"/> with the widest vectors the machine runs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BlockClasses Of(ref byte start, byte delimiter, byte quote) =>
        Vector512.IsHardwareAccelerated ? Of512(ref start, delimiter, quote)
        : Vector256.IsHardwareAccelerated ? Of256(ref start, delimiter, quote)
        : Of128(ref start, delimiter, quote);

    /// <summary>With AVX-512 one load and four compares classify the whole block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static BlockClasses Of512(ref byte start, byte delimiter, byte quote)
    {
        var v = Vector512.LoadUnsafe(ref start);
        return new BlockClasses(
            Vector512.Equals(v, Vector512.Create(delimiter)).ExtractMostSignificantBits(),
            Vector512.Equals(v, Vector512.Create(quote)).ExtractMostSignificantBits(),
            Vector512.Equals(v, Vector512.Create((byte)'\r')).ExtractMostSignificantBits(),
            Vector512.Equals(v, Vector512.Create((byte)'\n')).ExtractMostSignificantBits());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static BlockClasses Of256(ref byte start, byte delimiter, byte quote)
    {
        var low = Vector256.LoadUnsafe(ref start);
        var high = Vector256.LoadUnsafe(ref start, 32);
        return new BlockClasses(Join(low, high, delimiter), Join(low, high, quote), Join(low, high, (byte)'\r'), Join(low, high, (byte)'\n'));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Join(Vector256<byte> low, Vector256<byte> high, byte value) =>
        Vector256.Equals(low, Vector256.Create(value)).ExtractMostSignificantBits()
        | ((ulong)Vector256.Equals(high, Vector256.Create(value)).ExtractMostSignificantBits() << 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static BlockClasses Of128(ref byte start, byte delimiter, byte quote)
    {
        ulong delimiters = 0, quotes = 0, carriageReturns = 0, lineFeeds = 0;
        for (var i = 0; i < 4; i++)
        {
            var v = Vector128.LoadUnsafe(ref start, (nuint)(i * 16));
            var shift = i * 16;
            delimiters |= (ulong)Vector128.Equals(v, Vector128.Create(delimiter)).ExtractMostSignificantBits() << shift;
            quotes |= (ulong)Vector128.Equals(v, Vector128.Create(quote)).ExtractMostSignificantBits() << shift;
            carriageReturns |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'\r')).ExtractMostSignificantBits() << shift;
            lineFeeds |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'\n')).ExtractMostSignificantBits() << shift;
        }
        return new BlockClasses(delimiters, quotes, carriageReturns, lineFeeds);
    }
}
