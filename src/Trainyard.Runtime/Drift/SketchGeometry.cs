namespace Trainyard.Runtime.Drift;

/// <summary>
/// The quantile sketch's buckets for relative accuracy α (DDSketch): γ = (1 + α)/(1 − α), positive bucket k holds
/// (γ^(k−1), γ^k], a negative value sits in the bucket of its magnitude, zero in its own. One home for these bounds,
/// so the profiler's sketch, ValidateData's drift bins and the model server's bins agree to the bit.
/// </summary>
internal sealed class SketchGeometry
{
    private readonly double _inverseLogGamma;

    public SketchGeometry(double relativeAccuracy)
    {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw new ArgumentOutOfRangeException(nameof(relativeAccuracy));
        RelativeAccuracy = relativeAccuracy;
        Gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        LogGamma = Math.Log(Gamma);
        _inverseLogGamma = 1 / LogGamma;
    }

    public double RelativeAccuracy { get; }
    public double Gamma { get; }
    public double LogGamma { get; }
    public double InverseLogGamma => _inverseLogGamma;

    /// <summary>The key of a positive magnitude: ⌈ln x / ln γ⌉ (the profiler computes the same keys faster, see BucketKey).</summary>
    public int Key(double magnitude) => (int)Math.Ceiling(Math.Log(magnitude) * _inverseLogGamma);

    /// <summary>The value representing a positive bucket: within α of everything in (γ^(key−1), γ^key].</summary>
    public double Representative(int key) => 2 * Math.Exp(key * LogGamma) / (1 + Gamma);

    public double UpperBound(int key) => Math.Exp(key * LogGamma);
    public double LowerBound(int key) => Math.Exp((key - 1) * LogGamma);

    /// <summary>
    /// The upper end of the bucket holding <paramref name="x"/> (signed; 0 for 0). A sketch's CDF is exact there, and
    /// the drift bins put a value by this number, so counting values and reading a sketch of them give the same bins.
    /// (The profiler folds the smallest magnitudes into its lowest kept bucket once values span more than its bucket
    /// limit, 9 orders of magnitude at the defaults; only there can a counted value sit a bucket below the sketch's.)
    /// </summary>
    public double BucketTop(double x) => x > 0 ? UpperBound(Key(x)) : x < 0 ? -LowerBound(Key(-x)) : 0;
}
