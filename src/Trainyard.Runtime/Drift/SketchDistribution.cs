namespace Trainyard.Runtime.Drift;

/// <summary>
/// A numeric column's distribution served from its quantile sketch plus the exact moments. Quantiles and the CDF
/// are clamped to the exact min and max, which makes q = 0 and q = 1 exact and keeps bucket rounding inside the data.
/// The sketch's buckets are laid out once, on first use, in arrays (cumulative counts, bounds): drift statistics ask
/// for thousands of quantiles (Wasserstein's 10,000-cell grid, KS's), and walking the buckets for each — an iterator
/// and three exponentials per bucket — cost Monitor half a second per run. Same answers as the sketch's own methods.
/// </summary>
internal sealed class SketchDistribution(NumericSketch sketch, double min, double max, double mean, double standardDeviation)
    : INumericDistribution
{
    private readonly long _count = sketch.Count;
    private Layout? _layout;

    public long Count => _count;
    public double Min => min;
    public double Max => max;
    public double Mean => mean;
    public double StandardDeviation => standardDeviation;

    public double Quantile(double q) => Count == 0 ? double.NaN
        : q <= 0 ? min
        : q >= 1 ? max
        : Math.Clamp(Buckets.Quantile(q), min, max);

    public double Cdf(double x)
    {
        if (Count == 0 || x < min) return 0;
        if (x >= max) return 1;
        return Math.Clamp(Buckets.CountAtMost(x) / Count, 0, 1);
    }

    private Layout Buckets => _layout ??= new Layout(sketch);

    /// <summary>The sketch's non-empty buckets in ascending order, as <see cref="NumericSketch.Buckets"/> yields them.</summary>
    private sealed class Layout
    {
        private readonly double[] _values, _lower, _upper;
        private readonly long[] _counts, _cumulative;

        public Layout(NumericSketch sketch)
        {
            // Counted first, then filled in one walk: an array of the (value, lower, upper, count) tuples would be
            // generic code over a value type, which only the JIT can make, in every process that profiles data.
            var length = 0;
            foreach (var _ in sketch.Buckets()) length++;
            (_values, _lower, _upper) = (new double[length], new double[length], new double[length]);
            (_counts, _cumulative) = (new long[length], new long[length]);
            var i = 0;
            long seen = 0;
            foreach (var (value, lower, upper, count) in sketch.Buckets())
            {
                (_values[i], _lower[i], _upper[i], _counts[i]) = (value, lower, upper, count);
                _cumulative[i++] = seen += count;
            }
        }

        /// <summary><see cref="NumericSketch.Quantile"/>: the first bucket whose cumulative count passes the rank, by binary search.</summary>
        public double Quantile(double q)
        {
            var n = _cumulative.Length == 0 ? 0 : _cumulative[^1];
            if (n == 0) return double.NaN;
            var rank = Math.Clamp(q, 0, 1) * (n - 1);
            int low = 0, high = _cumulative.Length - 1;
            if (!(_cumulative[high] > rank)) return _values[high];
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (_cumulative[middle] > rank) high = middle;
                else low = middle + 1;
            }
            return _values[low];
        }

        /// <summary><see cref="NumericSketch.CountAtMost"/>, the same sums in the same order.</summary>
        public double CountAtMost(double x)
        {
            double below = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                if (_upper[i] <= x) below += _counts[i];
                else if (_lower[i] < x) below += _counts[i] * (x - _lower[i]) / (_upper[i] - _lower[i]);
                else break;
            }
            return below;
        }
    }

    /// <summary>The top of x's bucket: there the CDF counts whole buckets, no interpolation.</summary>
    public double BinEdgeAtOrAbove(double x) => sketch.Geometry.BucketTop(x);
}
