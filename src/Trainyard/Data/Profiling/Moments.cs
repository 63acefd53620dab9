using System.Runtime.CompilerServices;
using System.Numerics;

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
    private long[]? _sumByExponent;        // one batch's terms by biased exponent, between folds (see Add(span))
    private UInt128[]? _squaresByExponent;

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
    /// exponent are first added as plain integers (a mantissa is below 2^53, its square below 2^106), and each
    /// exponent's total reaches the wide sums once per run: three adds and a multiply per value instead of nine limb
    /// updates with shifts. A column's values span a few dozen exponents, so the per-run folding is cheap.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> values)
    {
        const int Run = 1024; // 1024 · 2^53 < 2^63 and 1024 · 2^106 < 2^128: no run overflows its integers
        _sumByExponent ??= new long[2048];
        _squaresByExponent ??= new UInt128[2048];
        var (sums, squares) = (_sumByExponent, _squaresByExponent);
        while (!values.IsEmpty)
        {
            var run = values[..Math.Min(values.Length, Run)];
            values = values[run.Length..];
            var (min, max) = (Min, Max);
            int lowest = sums.Length - 1, highest = 0;
            foreach (var value in run)
            {
                if (value < min) min = value;
                if (value > max) max = value;
                var bits = BitConverter.DoubleToInt64Bits(value);
                var biased = (int)((ulong)bits >> 52) & 0x7FF;
                var mantissa = (bits & ((1L << 52) - 1)) | (biased == 0 ? 0 : 1L << 52);
                sums[biased] += bits < 0 ? -mantissa : mantissa;
                var high = Math.BigMul((ulong)mantissa, (ulong)mantissa, out var low);
                squares[biased] += new UInt128(high, low);
                // A zero adds nothing: left out of the range to fold, which would otherwise reach from exponent 0 up.
                lowest = Math.Min(lowest, mantissa == 0 ? int.MaxValue : biased);
                highest = Math.Max(highest, biased);
            }
            Count += run.Length;
            (Min, Max) = (min, max);
            for (var biased = lowest; biased <= highest; biased++)
            {
                var exponent = Math.Max(biased, 1) - 1075; // as ExactSum.Decompose: subnormals share the lowest exponent
                if (sums[biased] is var sum and not 0) _sum.Add((UInt128)(ulong)Math.Abs(sum), exponent, negative: sum < 0);
                if (squares[biased] is var square && square != UInt128.Zero) _sumOfSquares.Add(square, 2 * exponent, negative: false);
                (sums[biased], squares[biased]) = (0, UInt128.Zero);
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
