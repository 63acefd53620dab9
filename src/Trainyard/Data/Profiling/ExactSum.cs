using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Trainyard.Data.Profiling;

/// <summary>
/// An exact sum of binary floating-point terms (a "superaccumulator"): the value is Σ limbs[i]·2^(32·i + lowestExponent),
/// wide enough for any double (or square of one). Floating-point addition is not associative, so a Welford/Chan
/// mean would change in its last bits with how the scan split the file; an exact sum is the same for every split
/// and merge order, and the mean and variance derived from it are correctly rounded besides.
/// </summary>
internal sealed class ExactSum
{
    // Each term adds less than 2^33 to any limb, so 2^28 terms fit in a long before carries must be propagated.
    private const int TermsBeforeCarry = 1 << 28;

    private readonly long[] _limbs;
    private readonly int _lowestExponent;
    private int _termsSinceCarry;

    private ExactSum(int lowestExponent, int highestExponent)
    {
        _lowestExponent = lowestExponent;
        _limbs = new long[(highestExponent - lowestExponent) / 32 + 3];
    }

    /// <summary>For sums of doubles: the smallest subnormal is 2^-1074, and 2^63 terms below 2^1024 stay below 2^1087.</summary>
    public static ExactSum ForValues() => new(-1074, 1087);

    /// <summary>For sums of squared doubles, whose exact products range over 2^-2148 .. 2^2111 (with 2^63 terms).</summary>
    public static ExactSum ForSquares() => new(-2148, 2111);

    /// <summary>Adds ±<paramref name="magnitude"/>·2^<paramref name="exponent"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into Moments' batch loop (see FieldHash.Of)
    public void Add(UInt128 magnitude, int exponent, bool negative)
    {
        var position = exponent - _lowestExponent;
        AddChunk((ulong)magnitude, position, negative);
        var high = (ulong)(magnitude >> 64);
        if (high != 0) AddChunk(high, position + 64, negative);
        if (++_termsSinceCarry == TermsBeforeCarry) Carry();
    }

    public void Add(ExactSum other)
    {
        if (other._lowestExponent != _lowestExponent) throw new InvalidOperationException("Exact sums of different ranges cannot be merged.");
        Carry();
        other.Carry();
        for (var i = 0; i < _limbs.Length; i++) _limbs[i] += other._limbs[i];
        Carry();
    }

    /// <summary>The sum as <c>Mantissa · 2^Exponent</c>, exact, without the zero limbs below its lowest bit.</summary>
    /// <remarks>
    /// The limbs span every double's range (~140 of them for squares), but a column's values fill a few, so the
    /// mantissa is a few hundred bits where the whole width would be thousands: the mean's and variance's arithmetic
    /// on it then stays within BigInteger's stack buffers. Read in one go as two's complement — limbs below the top
    /// are in [0, 2^32) after carrying, the top one holds the sign — not built up by shifts and adds.
    /// </remarks>
    public (BigInteger Mantissa, int Exponent) ToExact()
    {
        Carry();
        var low = 0;
        while (low < _limbs.Length - 1 && _limbs[low] == 0) low++;
        var top = _limbs.Length - 1;
        Span<byte> bytes = stackalloc byte[4 * (top - low) + 8];
        for (var i = low; i < top; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes[(4 * (i - low))..], (uint)_limbs[i]);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[(4 * (top - low))..], _limbs[top]);
        return (new BigInteger(bytes, isUnsigned: false, isBigEndian: false), _lowestExponent + 32 * low);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddChunk(ulong chunk, int position, bool negative)
    {
        var index = position >> 5;
        var spread = (UInt128)chunk << (position & 31); // at most 95 bits: three 32-bit limbs
        long low = (uint)spread, middle = (uint)(spread >> 32), top = (uint)(spread >> 64);
        if (negative) { low = -low; middle = -middle; top = -top; }
        _limbs[index] += low;
        _limbs[index + 1] += middle;
        _limbs[index + 2] += top;
    }

    /// <summary>Propagates carries so every limb but the last is in [0, 2^32); the value is unchanged.</summary>
    private void Carry()
    {
        for (var i = 0; i < _limbs.Length - 1; i++)
        {
            var carry = _limbs[i] >> 32;
            _limbs[i] -= carry << 32;
            _limbs[i + 1] += carry;
        }
        _termsSinceCarry = 0;
    }

    /// <summary>Splits a finite double into an integer mantissa and a power of two: value = ±mantissa·2^exponent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (ulong Mantissa, int Exponent, bool Negative) Decompose(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var biased = (int)((bits >> 52) & 0x7FF);
        var fraction = (ulong)bits & ((1UL << 52) - 1);
        return biased == 0 ? (fraction, -1074, bits < 0) : (fraction | (1UL << 52), biased - 1075, bits < 0);
    }

    /// <summary>numerator / denominator · 2^exponent rounded to the nearest double (denominator &gt; 0).</summary>
    public static double ToDouble(BigInteger numerator, BigInteger denominator, int exponent)
    {
        if (numerator.IsZero) return 0.0;
        var negative = numerator.Sign < 0;
        numerator = BigInteger.Abs(numerator);
        // Scale so the quotient has 65..67 bits: 64 kept, the rest folded into a sticky bit for correct rounding.
        var shift = 66 + (int)denominator.GetBitLength() - (int)numerator.GetBitLength();
        if (shift >= 0) numerator <<= shift; else denominator <<= -shift;
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var extra = (int)quotient.GetBitLength() - 64;
        var top = (ulong)(quotient >> extra);
        if (!remainder.IsZero || !(quotient & ((BigInteger.One << extra) - 1)).IsZero) top |= 1;
        var result = Math.ScaleB((double)top, extra + exponent - shift);
        return negative ? -result : result;
    }
}
