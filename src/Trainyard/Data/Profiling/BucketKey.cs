using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Trainyard.Data.Profiling;

/// <summary>
/// The quantile sketch's bucket key ⌈ln x / ln γ⌉ without calling Math.Log (the libm call was ~5% of a scan).
/// ln x = e·ln 2 + ln c + ln(m/c) with c the centre of one of 128 slices of the mantissa m ∈ [1, 2) and
/// |m/c − 1| ≤ 2^-8, so five terms of the log1p series are exact to ~1e-15. The result is within ~1e-10 of the true
/// key; only when it lies within 1e-6 of a whole number (about one value in 10^6) could rounding decide the
/// ceiling, and then the exact formula decides. So keys are always those of <c>Math.Ceiling(Math.Log(x) / ln γ)</c>
/// as computed before, and sketches stay comparable with stored profiles.
/// </summary>
internal sealed class BucketKey
{
    private const int SliceBits = 7;
    private const double Ln2 = 0.69314718055994530942;
    private const double Margin = 1e-6;
    private readonly double[] _inverseCentres = new double[1 << SliceBits];
    private readonly double[] _logCentres = new double[1 << SliceBits];
    private readonly double _inverseLogGamma;

    public BucketKey(double inverseLogGamma)
    {
        _inverseLogGamma = inverseLogGamma;
        for (var i = 0; i < _logCentres.Length; i++)
        {
            var centre = 1 + (i + 0.5) / _logCentres.Length;
            _inverseCentres[i] = 1 / centre;
            _logCentres[i] = Math.Log(centre);
        }
    }

    /// <summary>The key of a positive magnitude.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int Of(double magnitude)
    {
        var bits = BitConverter.DoubleToInt64Bits(magnitude);
        var biased = (int)(bits >> 52) & 0x7FF;
        if (biased is not (0 or 0x7FF)) // subnormals and infinities take the exact path
        {
            var slice = (int)(bits >> (52 - SliceBits)) & ((1 << SliceBits) - 1);
            var mantissa = BitConverter.Int64BitsToDouble((bits & 0xF_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000);
            var r = mantissa * _inverseCentres[slice] - 1;
            var log1p = r - r * r * (0.5 - r * (1.0 / 3 - r * (0.25 - r * 0.2)));
            var key = ((biased - 1023) * Ln2 + _logCentres[slice] + log1p) * _inverseLogGamma;
            var fraction = key - Math.Floor(key);
            if (fraction > Margin && fraction < 1 - Margin) return (int)Math.Ceiling(key);
        }
        return Exact(magnitude);
    }

    public int Exact(double magnitude) => (int)Math.Ceiling(Math.Log(magnitude) * _inverseLogGamma);

    /// <summary>
    /// The keys of the magnitudes of <paramref name="values"/>, four at a time (keys of zeros are unspecified). Each
    /// lane computes ln m for the mantissa m folded into [√½, √2) as 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.172, by
    /// seven terms of its series (error below 5·10^-13): no table, so no gathers. As in <see cref="Of"/>, a key within
    /// the margin of a whole number, and subnormals and infinities, take the exact formula, so every key is the same
    /// as <see cref="Of"/>'s.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Of(ReadOnlySpan<double> values, Span<long> keys)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var source = ref MemoryMarshal.GetReference(values);
            ref var target = ref MemoryMarshal.GetReference(keys[..values.Length]);
            var inverseLogGamma = Vector256.Create(_inverseLogGamma);
            for (; i + 4 <= values.Length; i += 4)
            {
                var magnitude = Vector256.Abs(Vector256.LoadUnsafe(ref source, (nuint)i));
                var bits = magnitude.AsInt64();
                var biased = Vector256.ShiftRightLogical(bits, 52);
                var mantissa = ((bits & Vector256.Create(0xF_FFFF_FFFF_FFFFL)) | Vector256.Create(0x3FF0_0000_0000_0000L)).AsDouble();
                var high = Vector256.GreaterThan(mantissa, Vector256.Create(1.4142135623730951));
                mantissa = Vector256.ConditionalSelect(high, mantissa * 0.5, mantissa);
                var exponent = Vector256.ConvertToDouble(biased - Vector256.Create(1023L)) + (high & Vector256<double>.One);
                var s = (mantissa - Vector256<double>.One) / (mantissa + Vector256<double>.One);
                var s2 = s * s;
                var series = Vector256.Create(2.0 / 13);
                series = series * s2 + Vector256.Create(2.0 / 11);
                series = series * s2 + Vector256.Create(2.0 / 9);
                series = series * s2 + Vector256.Create(2.0 / 7);
                series = series * s2 + Vector256.Create(2.0 / 5);
                series = series * s2 + Vector256.Create(2.0 / 3);
                series = series * s2 + Vector256.Create(2.0);
                var key = (exponent * Vector256.Create(Ln2) + series * s) * inverseLogGamma;
                var floor = Vector256.Floor(key);
                var fraction = key - floor;
                Vector256.ConvertToInt64(floor + Vector256<double>.One).StoreUnsafe(ref target, (nuint)i);
                var exact = Vector256.LessThanOrEqual(fraction, Vector256.Create(Margin)) | Vector256.GreaterThanOrEqual(fraction, Vector256.Create(1 - Margin))
                            | (Vector256.Equals(biased, Vector256<long>.Zero) | Vector256.Equals(biased, Vector256.Create(0x7FFL))).AsDouble();
                var lanes = exact.ExtractMostSignificantBits();
                while (lanes != 0)
                {
                    var lane = i + System.Numerics.BitOperations.TrailingZeroCount(lanes);
                    lanes &= lanes - 1;
                    var value = Math.Abs(values[lane]);
                    keys[lane] = value > 0 ? Of(value) : 0;
                }
            }
        }
        for (; i < values.Length; i++)
        {
            var value = Math.Abs(values[i]);
            keys[i] = value > 0 ? Of(value) : 0;
        }
    }
}
