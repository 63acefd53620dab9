using System.Text.Json.Serialization;
using Trainyard.Runtime.Drift;

namespace Trainyard.Data.Profiling;

/// <summary>
/// What one pass over a column found. Numeric columns carry moments, quantiles, a histogram and the quantile
/// sketch itself; categorical and boolean columns the full category counts (up to the cap); both so that a profile
/// read back from JSON can serve as the reference in drift statistics. Members that do not apply are null.
/// The JSON shape is documented in docs/profile-format.md.
/// </summary>
internal sealed record ColumnProfile
{
    public required string Name { get; init; }
    public required ColumnType Type { get; init; }

    /// <summary>Rows, including missing values.</summary>
    public long Count { get; init; }
    public long Missing { get; init; }

    /// <summary>Distinct non-missing spellings (so "1" and "1.0" are two); exact when <see cref="DistinctExact"/>, else a HyperLogLog estimate.</summary>
    public long Distinct { get; init; }
    public bool DistinctExact { get; init; }

    public double? Min { get; init; }
    public double? Max { get; init; }
    public double? Mean { get; init; }

    /// <summary>Sample standard deviation (n − 1), as pandas reports it.</summary>
    public double? StandardDeviation { get; init; }

    public Quantiles? Quantiles { get; init; }
    public Histogram? Histogram { get; init; }

    /// <summary>Most frequent values (categorical, boolean and text columns), share of non-missing rows.</summary>
    public IReadOnlyList<CategoryShare>? TopCategories { get; init; }

    /// <summary>Boolean columns: rows that are true.</summary>
    public long? TrueCount { get; init; }

    /// <summary>DateTime columns: the earliest and latest value, UTC.</summary>
    public DateTime? Earliest { get; init; }
    public DateTime? Latest { get; init; }

    /// <summary>Numeric columns: the quantile sketch's buckets, the drift reference.</summary>
    public NumericSketch? Sketch { get; init; }

    /// <summary>Categorical and boolean columns: every value's count (or a sample past the cap), the drift reference.</summary>
    public CategoryTable? Categories { get; init; }

    [JsonIgnore]
    public double MissingShare => Count == 0 ? 0 : (double)Missing / Count;

    /// <summary>The numeric distribution for drift statistics, or null when the column is not numeric.</summary>
    public INumericDistribution? NumericDistribution() =>
        Sketch is null || Min is null || Max is null ? null
            : new SketchDistribution(Sketch, Min.Value, Max.Value, Mean ?? 0, StandardDeviation ?? 0);

    /// <summary>Count per category (booleans as "true"/"false"), or null when the column has no category table.</summary>
    public IReadOnlyDictionary<string, long>? CategoryCounts() =>
        // Grouped: two huge values that share their first characters are kept under one cut spelling.
        Categories?.Values.GroupBy(v => v.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(v => v.Count), StringComparer.Ordinal);
}

/// <summary>Quantiles from the sketch: each within the sketch's relative accuracy of the value at rank ⌊q·(n−1)⌋.</summary>
internal sealed record Quantiles(double P1, double P5, double P25, double P50, double P75, double P95, double P99);

/// <summary>Equal-width bins from min to max: <c>Edges</c> has one more entry than <c>Counts</c>; the last bin includes max.</summary>
internal sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<long> Counts);

internal sealed record CategoryShare(string Value, long Count, double Share);

internal sealed record CategoryCount(string Value, long Count);

/// <summary>Category counts, most frequent first. <c>Complete</c> is false past the category cap: then <c>Values</c> is the bottom-k-by-hash sample.</summary>
internal sealed record CategoryTable(bool Complete, IReadOnlyList<CategoryCount> Values);
