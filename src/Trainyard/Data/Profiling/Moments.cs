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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> values)
    {
        foreach (var value in values) Add(value);
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
            var (sum, _) = _sum.ToExact();                    // units of 2^-1074
            var (sumOfSquares, exponent) = _sumOfSquares.ToExact(); // units of 2^-2148 = (2^-1074)²
            // n·Σx² − (Σx)² is exact in integers and never negative; dividing by n(n−1) is the only rounding.
            var numerator = Count * sumOfSquares - sum * sum;
            return ExactSum.ToDouble(numerator, (BigInteger)Count * (Count - 1), exponent);
        }
    }

    public double? StandardDeviation => Variance is { } variance ? Math.Sqrt(variance) : null;
}
