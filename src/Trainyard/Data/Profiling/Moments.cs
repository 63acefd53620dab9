using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Trainyard.Data.Profiling;

/// <summary>
/// Count, mean, variance, min and max of a numeric column. Instead of Welford/Chan updates (whose merged result
/// depends on how values were grouped) it keeps exact sums of x and x², so mean and variance are correctly rounded
/// and identical for every chunking and merge order. Costs a few integer adds per value.
/// </summary>
internal sealed class Moments
{
    private readonly ExactSum _sum = ExactSum.ForValues();
    private readonly ExactSum _sumOfSquares = ExactSum.ForSquares();
    private const int Exponents = 2048;    // slots per bank, one per biased exponent; two banks (see Add(span))
    private long[]? _terms;                // one run's terms by bank and biased exponent, between folds: per slot the
                                           // sum, its squares' bits from 2^53 up and below 2^53, and a pad to 32 bytes

    public long Count { get; private set; }
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the AggressiveOptimization batch loops, which cannot inline AggressiveOptimization callees
    public void Add(double value)
    {
        Count++;
        if (value < Min) Min = value;
        if (value > Max) Max = value;
        var (mantissa, exponent, negative) = ExactSum.Decompose(value);
        if (mantissa == 0) return;
        _sum.Add(mantissa, exponent, negative);
        _sumOfSquares.Add((UInt128)mantissa * mantissa, 2 * exponent, negative: false);
    }

    /// <summary>Adds a batch: the same result as adding each value, at a fraction of the cost.</summary>
    /// <remarks>
    /// An exact sum does not depend on how its terms are grouped, so within a run of values the terms of each binary
    /// exponent are first added as plain integers, and each exponent's total reaches the wide sums once per run. A
    /// mantissa is below 2^53; its square (below 2^106) is added as two longs, the bits above and below 2^53, so no
    /// carry is needed. Consecutive values go to two banks: a column's values share a few exponents, and one bank's
    /// read-add-write of the same slot value after value is a chain of store-to-load latencies.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> values)
    {
        const int Run = 1024; // 1024 · 2^53 = 2^63: no run overflows a long, even both banks' totals added
        _terms ??= new long[2 * Exponents * 4];
        ref var terms = ref MemoryMarshal.GetArrayDataReference(_terms);
        while (!values.IsEmpty)
        {
            var run = values[..Math.Min(values.Length, Run)];
            values = values[run.Length..];
            var (min, max) = (Min, Max);
            int lowest = Exponents - 1, highest = 0;
            for (var i = 0; i < run.Length; i++)
            {
                var value = run[i];
                if (value < min) min = value;
                if (value > max) max = value;
                var bits = BitConverter.DoubleToInt64Bits(value);
                var biased = (int)((ulong)bits >> 52) & 0x7FF;
                // The implicit leading one, except for subnormals and zero (biased 0).
                var mantissa = (bits & ((1L << 52) - 1)) | ((long)((biased + 0x7FF) >> 11) << 52);
                var sign = bits >> 63;
                // Unchecked: biased < 2048 and the bank bit is 2048, within the 4096 slots.
                ref var slot = ref Unsafe.Add(ref terms, 4 * (biased + ((i & 1) << 11)));
                slot += (mantissa ^ sign) - sign;
                // The low word by a plain multiply: Math.BigMul returns it through memory, a store and a load per value.
                var (m, low) = ((ulong)mantissa, (ulong)mantissa * (ulong)mantissa);
                var high = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(m, m) : Math.BigMul(m, m, out _);
                Unsafe.Add(ref slot, 1) += (long)((high << 11) | (low >> 53));
                Unsafe.Add(ref slot, 2) += (long)(low & ((1UL << 53) - 1));
                // A zero adds nothing: left out of the range to fold, which would otherwise reach from exponent 0 up.
                lowest = Math.Min(lowest, mantissa == 0 ? int.MaxValue : biased);
                highest = Math.Max(highest, biased);
            }
            Count += run.Length;
            (Min, Max) = (min, max);
            for (var biased = lowest; biased <= highest; biased++)
            {
                var exponent = Math.Max(biased, 1) - 1075; // as ExactSum.Decompose: subnormals share the lowest exponent
                ref var first = ref Unsafe.Add(ref terms, 4 * biased);
                ref var second = ref Unsafe.Add(ref terms, 4 * (biased + Exponents));
                if (first + second is var sum and not 0) _sum.Add((UInt128)(ulong)Math.Abs(sum), exponent, negative: sum < 0);
                var square = ((UInt128)(ulong)(Unsafe.Add(ref first, 1) + Unsafe.Add(ref second, 1)) << 53)
                             + (ulong)(Unsafe.Add(ref first, 2) + Unsafe.Add(ref second, 2));
                if (square != UInt128.Zero) _sumOfSquares.Add(square, 2 * exponent, negative: false);
                for (var k = 0; k < 3; k++) (Unsafe.Add(ref first, k), Unsafe.Add(ref second, k)) = (0, 0);
            }
        }
    }

    public void Merge(Moments other)
    {
        Count += other.Count;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        _sum.Add(other._sum);
        _sumOfSquares.Add(other._sumOfSquares);
    }

    /// <summary>The arithmetic mean, or null without values.</summary>
    public double? Mean
    {
        get
        {
            if (Count == 0) return null;
            var (sum, exponent) = _sum.ToExact();
            return ExactSum.ToDouble(sum, Count, exponent);
        }
    }

    /// <summary>The sample variance (n − 1 in the denominator, as pandas' <c>describe()</c>), or null below two values.</summary>
    public double? Variance
    {
        get
        {
            if (Count < 2) return null;
            var (sum, sumExponent) = _sum.ToExact();
            var (sumOfSquares, squaresExponent) = _sumOfSquares.ToExact();
            // n·Σx² − (Σx)² is exact in integers (brought to one power of two) and never negative; dividing by
            // n(n−1) is the only rounding.
            var exponent = Math.Min(squaresExponent, 2 * sumExponent);
            var numerator = (Count * sumOfSquares << (squaresExponent - exponent)) - (sum * sum << (2 * sumExponent - exponent));
            return ExactSum.ToDouble(numerator, (BigInteger)Count * (Count - 1), exponent);
        }
    }

    public double? StandardDeviation => Variance is { } variance ? Math.Sqrt(variance) : null;
}
