using System.Numerics;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

public class ExactSumTests
{
    public static TheoryData<double[]> Sums => new()
    {
        { [1.5, 2.25, -0.125] },
        { [123.456, -123.456] },                                 // cancels to exactly zero
        { [-1.0] },                                              // a negative sum: the top limb carries the sign
        { [double.Epsilon, 5e-324, -2.5e-320] },                 // subnormals, the lowest limbs
        { [1e308, 1e308, -1e300, 3.0] },                         // the highest limbs, and one far below them
        { [0.1, 0.2, 0.3, -0.6, 1e-30, 4096.0, -7e15] },
    };

    [Theory]
    [MemberData(nameof(Sums))]
    public void TheSumIsExactAndStartsAtItsLowestNonZeroLimb(double[] values)
    {
        var sum = ExactSum.ForValues();
        foreach (var value in values)
        {
            var (mantissa, exponent, negative) = ExactSum.Decompose(value);
            sum.Add(mantissa, exponent, negative);
        }
        var (exact, exactExponent) = sum.ToExact();

        // First principles: every double is ±m·2^e exactly; in units of 2^-1074 the sum is an integer.
        var expected = values.Select(v => ExactSum.Decompose(v))
            .Aggregate(BigInteger.Zero, (total, d) => total + (d.Negative ? -1 : 1) * ((BigInteger)d.Mantissa << (d.Exponent + 1074)));
        Assert.Equal(expected, exact << (exactExponent + 1074));
        if (!expected.IsZero) Assert.False((exact & uint.MaxValue).IsZero, "a zero limb left below the lowest bit");
    }

    [Fact]
    public void SquaresBroughtToOnePowerOfTwoGiveTheVarianceOfFirstPrinciples()
    {
        // Sample variance of 1, 2, 4 (first principles): mean 7/3, squared deviations 16/9 + 1/9 + 25/9 = 42/9, / 2 = 7/3.
        var moments = new Moments();
        moments.Add([1.0, 2.0, 4.0]);
        Assert.Equal(7.0 / 3.0, moments.Variance);
        Assert.Equal(7.0 / 3.0, moments.Mean);
    }
}
