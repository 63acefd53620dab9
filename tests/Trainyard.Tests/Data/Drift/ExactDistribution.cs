using Trainyard.Data.Drift;
using Trainyard.Runtime.Drift;

namespace Trainyard.Tests.Data.Drift;

/// <summary>
/// Test-only distribution over a sorted array: exact CDF, inverse-CDF quantile (numpy's method='inverted_cdf'),
/// population standard deviation (numpy's np.std), so statistics on it can be compared with scipy on the samples.
/// </summary>
internal sealed class ExactDistribution : INumericDistribution
{
    private readonly double[] _sorted;

    public ExactDistribution(IEnumerable<double> values)
    {
        _sorted = values.Order().ToArray();
        if (_sorted.Length == 0) throw new ArgumentException("Needs values.", nameof(values));
        Mean = _sorted.Average();
        StandardDeviation = Math.Sqrt(_sorted.Sum(v => (v - Mean) * (v - Mean)) / _sorted.Length);
    }

    public long Count => _sorted.Length;
    public double Min => _sorted[0];
    public double Max => _sorted[^1];
    public double Mean { get; }
    public double StandardDeviation { get; }

    public double Quantile(double q)
    {
        // Smallest x with F(x) ≥ q.
        var rank = (int)Math.Ceiling(q * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public double Cdf(double x)
    {
        // Number of values ≤ x, by binary search for the first value > x.
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_sorted[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo / (double)_sorted.Length;
    }
}
