namespace Trainyard.Data.Profiling;

/// <summary>Knobs of the streaming profiler. The defaults suit files from a few rows to hundreds of millions.</summary>
internal sealed record ProfileOptions
{
    public static ProfileOptions Default { get; } = new();

    /// <summary>Quantile sketch relative accuracy α: a reported quantile is within ±α·|value| of a true one.</summary>
    public double RelativeAccuracy { get; init; } = 0.005;

    /// <summary>Buckets per sign in the quantile sketch; at α = 0.005 2,048 buckets span 9 orders of magnitude, smaller magnitudes collapse.</summary>
    public int MaxSketchBuckets { get; init; } = 2048;

    /// <summary>Distinct values counted exactly before switching to HyperLogLog.</summary>
    public int DistinctExactCap { get; init; } = 10_000;

    /// <summary>HyperLogLog precision p: 2^p one-byte registers, standard error 1.04/√(2^p).</summary>
    public int HyperLogLogPrecision { get; init; } = 14;

    /// <summary>Distinct values whose counts are kept per column; past it the column is high-cardinality.</summary>
    public int CategoryCap { get; init; } = TypeInference.DistinctCap;

    /// <summary>Inference: a column of strings with at most this many distinct values is categorical …</summary>
    public int CategoricalMaxDistinct { get; init; } = TypeInference.DefaultMaxDistinct;

    /// <summary>… as is one whose distinct values are at most this share of its non-missing values.</summary>
    public double CategoricalMaxDistinctShare { get; init; } = TypeInference.DefaultMaxDistinctShare;

    public int TopCategories { get; init; } = 20;
    public int HistogramBins { get; init; } = 20;

    /// <summary>Smallest failing line numbers kept per rule.</summary>
    public int ExampleLines { get; init; } = 10;

    /// <summary>Distinct failing values counted per rule (same bottom-k rule as <see cref="CategoryCap"/> beyond it).</summary>
    public int OffendingValueCap { get; init; } = 1_000;

    /// <summary>Failing values reported per rule, most frequent first.</summary>
    public int TopOffendingValues { get; init; } = 10;
}
