using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Trainyard.Data;

/// <summary>
/// Clinger's fast path (as <see cref="FieldParser"/>'s byte loop) for a field of 1–16 bytes, read from one 16-byte
/// vector: no branch per byte, so no mispredicted loop exit on fields of varying length. Answers false for anything
/// it does not take (longer fields, 17+ digits, odd forms, a mantissa above 2^53, exponents beyond ±22); the byte
/// loop and the general parser then decide, so every answer is the one <see cref="FieldParser.TryParseNumber(ReadOnlySpan{byte}, out double)"/> gives.
/// </summary>
/// <remarks>
/// Masks of the digit, point and exponent-letter positions come from vector compares; the digits are then moved
/// (one byte shuffle) to the end of the vector without the point, zeros before them, and converted 16 at a time by
/// multiply-adds, as simdjson and fast_float do eight: pairs, fours, eights, then one scalar multiply-add.
/// </remarks>
internal static class DecimalWords
{
    /// <summary>x86 with SSE4.1 (pshufb, pmaddubsw, packusdw); elsewhere the byte loop answers alone.</summary>
    public static bool IsSupported => Sse41.IsSupported;

    /// <param name="field">The field, for its length and the rare exponent's digits.</param>
    /// <param name="padded">The field's first 16 bytes, then whatever follows it in the buffer (ignored).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> field, Vector128<byte> padded, out double value)
    {
        value = 0;
        var length = field.Length;
        if (!Sse41.IsSupported || (uint)(length - 1) >= 16) return false;
        // A leading sign is the one non-digit allowed before the point; the digits' conversion below takes only
        // digit lanes, so the sign's lane counts as a leading zero (taken off the digit count again).
        var first = (uint)padded.ToScalar();
        var negative = first == '-' ? 1 : 0;
        var sign = negative | (first == '+' ? 1 : 0);
        var values = padded - Vector128.Create((byte)'0');
        var isDigit = Vector128.Equals(Vector128.Min(values, Vector128.Create((byte)9)), values);
        var digitMask = isDigit.ExtractMostSignificantBits();
        var pointMask = Vector128.Equals(padded, Vector128.Create((byte)'.')).ExtractMostSignificantBits();

        // The mantissa ends at the first e or E; an exponent after it is read byte by byte (a column has it or not).
        var end = length;
        var exponent = 0;
        var letterMask = Vector128.Equals(padded | Vector128.Create((byte)0x20), Vector128.Create((byte)'e')).ExtractMostSignificantBits()
                         & ((1u << length) - 1);
        if (letterMask != 0)
        {
            end = BitOperations.TrailingZeroCount(letterMask);
            exponent = ExponentAfter(field[(end + 1)..]);
            if (exponent == NoExponent) return false;
        }
        var endMask = (1u << end) - 1;
        pointMask &= endMask;
        // Before the end: the sign, then digits and at most one point.
        if (((~digitMask & endMask) ^ pointMask ^ (uint)sign) != 0 | (pointMask & (pointMask - 1)) != 0) return false;
        var hasPoint = pointMask != 0 ? 1 : 0;
        var point = BitOperations.TrailingZeroCount(pointMask); // 32 without one: beyond every index below
        var count = end - hasPoint;
        if (count - sign <= 0) return false;

        // Output byte k takes input byte k - (16 - count), one further on from the point on; below 0 it is zero.
        var index = Vector128.Create((sbyte)(count - 16)) + Vector128.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        index -= Vector128.GreaterThan(index, Vector128.Create((sbyte)(point - 1)));
        var aligned = Ssse3.Shuffle(values & isDigit, index.AsByte());
        var pairs = Ssse3.MultiplyAddAdjacent(aligned, Vector128.Create(10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, (sbyte)1));
        var fours = Sse2.MultiplyAddAdjacent(pairs, Vector128.Create(100, 1, 100, 1, 100, 1, 100, (short)1));
        var eights = Sse2.MultiplyAddAdjacent(Sse41.PackUnsignedSaturate(fours, fours).AsInt16(),
            Vector128.Create(10000, 1, 10000, 1, 10000, 1, 10000, (short)1));
        var mantissa = (ulong)(uint)eights.ToScalar() * 100_000_000 + (uint)eights.GetElement(1);
        if (mantissa > (1UL << 53)) return false;

        exponent -= (end - 1 - point) & -hasPoint;
        if ((uint)(exponent + 22) > 44) return false;
        var powers = FieldParser.PowersOfTen;
        value = exponent < 0 ? mantissa / powers[-exponent] : mantissa * powers[exponent];
        // The sign bit set without a branch: columns of mixed signs would mispredict every other value.
        value = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) ^ ((long)negative << 63));
        return true;
    }

    private const int NoExponent = int.MinValue;

    /// <summary>The exponent's value, or <see cref="NoExponent"/>; out of line so the caller's exponent stays in a register.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ExponentAfter(ReadOnlySpan<byte> text)
    {
        var exponent = 0;
        return FieldParser.TryReadExponent(text, ref exponent) ? exponent : NoExponent;
    }
}
