using Trainyard.Artifacts.Monitoring;
using Trainyard.Data.Drift;
using Trainyard.Runtime.Drift;

namespace Trainyard.Monitoring;

/// <summary>
/// The live scores of one version counted in the buckets of its test scores' deciles (the package's
/// <c>score_deciles</c>, the bounds of the server's score histogram), and compared with the test predictions: by
/// construction each decile bucket holds a tenth of the test scores, so the reference shares are known exactly from
/// the deciles alone. PSI is Trainyard.Runtime's (the one PSI), Jensen–Shannon the drift check's.
/// </summary>
internal sealed class LiveScores
{
    readonly double[] _bounds; // bucket i is (b[i-1], b[i]]; the last is (b[^1], +∞)
    readonly double[] _reference;
    readonly long[] _counts;

    public LiveScores(IReadOnlyList<double>? deciles)
    {
        var given = (deciles ?? []).Where(double.IsFinite).ToArray();
        _bounds = [.. given.Distinct().Order()];
        _counts = new long[_bounds.Length + 1];
        // Numpy's deciles of n scores put a tenth of them at or below each level; tied deciles share one bound.
        _reference = new double[_bounds.Length + 1];
        if (given.Length == 9)
        {
            var below = 0.0;
            for (var i = 0; i < _bounds.Length; i++)
            {
                var atOrBelow = given.Count(d => d <= _bounds[i]) / 10.0;
                _reference[i] = atOrBelow - below;
                below = atOrBelow;
            }
            _reference[^1] = 1 - below;
        }
    }

    public long Count { get; private set; }

    public void Add(double score)
    {
        if (!double.IsFinite(score) || _bounds.Length == 0) return;
        _counts[DriftBins.NumericBinOf(_bounds, score)]++;
        Count++;
    }

    /// <summary>Adds another count over the same deciles (a time bucket's).</summary>
    public void Merge(LiveScores other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
    }

    public PredictionDrift Compare(int minimumSample)
    {
        var live = _counts.Select(c => Count == 0 ? 0 : c / (double)Count).ToArray();
        if (_bounds.Length == 0 || _reference.Sum() <= 0)
            return new PredictionDrift(null, null, Count, _bounds, _reference, live, "the package has no score deciles (packaged before they existed): package the version again");
        if (Count < minimumSample)
            return new PredictionDrift(null, null, Count, _bounds, _reference, live, $"{Count} scores, fewer than the minimum sample {minimumSample}");
        return new PredictionDrift(Psi.FromShares(_reference, live), JensenShannon.Distance(_reference, live), Count, _bounds, _reference, live);
    }
}
