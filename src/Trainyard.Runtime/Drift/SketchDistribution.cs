namespace Trainyard.Runtime.Drift;

/// <summary>
/// A numeric column's distribution served from its quantile sketch plus the exact moments. Quantiles and the CDF
/// are clamped to the exact min and max, which makes q = 0 and q = 1 exact and keeps bucket rounding inside the data.
/// </summary>
internal sealed class SketchDistribution(NumericSketch sketch, double min, double max, double mean, double standardDeviation)
    : INumericDistribution
{
    private readonly long _count = sketch.Count;

    public long Count => _count;
    public double Min => min;
    public double Max => max;
    public double Mean => mean;
    public double StandardDeviation => standardDeviation;

    public double Quantile(double q) => Count == 0 ? double.NaN
        : q <= 0 ? min
        : q >= 1 ? max
        : Math.Clamp(sketch.Quantile(q), min, max);

    public double Cdf(double x)
    {
        if (Count == 0 || x < min) return 0;
        if (x >= max) return 1;
        return Math.Clamp(sketch.CountAtMost(x) / Count, 0, 1);
    }

    /// <summary>The top of x's bucket: there the CDF counts whole buckets, no interpolation.</summary>
    public double BinEdgeAtOrAbove(double x) => sketch.Geometry.BucketTop(x);
}
