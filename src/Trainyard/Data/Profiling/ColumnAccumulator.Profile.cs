using Trainyard.Runtime.Drift;

namespace Trainyard.Data.Profiling;

internal sealed partial class ColumnAccumulator
{
    private static readonly double[] QuantilePoints = [0.01, 0.05, 0.25, 0.50, 0.75, 0.95, 0.99];

    /// <summary>The declared type, or the inferred one (<see cref="TypeInference"/>) when there is no schema.</summary>
    public ColumnType Type => Expected?.Type ?? TypeInference.Decide(_rows - _missing, _allNumbers, _allBooleans, _allDateTimes,
        _categories!.IsComplete ? _categories.Kept : null,
        Options.CategoricalMaxDistinct, Options.CategoricalMaxDistinctShare);

    /// <summary>The column's profile after all fields were added and all workers merged.</summary>
    public ColumnProfile ToProfile()
    {
        var type = Type;
        var exactDistinct = _categories is { IsComplete: true } ? _categories.Kept : (long?)null;
        var profile = new ColumnProfile
        {
            Name = Name,
            Type = type,
            Count = _rows,
            Missing = _missing,
            Distinct = exactDistinct ?? _distinct.Count,
            DistinctExact = exactDistinct is not null || _distinct.IsExact,
        };
        return type switch
        {
            ColumnType.Numeric => WithNumbers(profile),
            ColumnType.Boolean => WithBooleans(profile),
            ColumnType.DateTime => _latest >= _earliest ? profile with { Earliest = _earliest, Latest = _latest } : profile,
            ColumnType.Categorical => WithCategories(profile, includeTable: true),
            _ => WithCategories(profile, includeTable: false),
        };
    }

    /// <summary>One entry per rule the schema implies (none without a schema), also when nothing failed.</summary>
    public IReadOnlyList<RuleViolations> ToViolations() =>
        new[] { _typeRule, _rangeRule, _categoriesRule }.OfType<RuleTally>().Select(t => t.ToViolations(Name)).ToArray();

    private ColumnProfile WithNumbers(ColumnProfile profile)
    {
        if (_moments is not { Count: > 0 } moments) return profile;
        var stored = _sketch!.ToStored();
        var distribution = new SketchDistribution(stored, moments.Min, moments.Max, moments.Mean!.Value, moments.StandardDeviation ?? 0);
        var q = new double[QuantilePoints.Length];
        for (var i = 0; i < q.Length; i++) q[i] = distribution.Quantile(QuantilePoints[i]);
        return profile with
        {
            Min = moments.Min,
            Max = moments.Max,
            Mean = moments.Mean,
            StandardDeviation = moments.StandardDeviation,
            Quantiles = new Quantiles(q[0], q[1], q[2], q[3], q[4], q[5], q[6]),
            Histogram = BuildHistogram(stored, moments.Min, moments.Max),
            Sketch = stored,
        };
    }

    /// <summary>
    /// Equal-width bins over [min, max], each sketch bucket's count put in the bin of its representative (clamped
    /// into [min, max]). Derived from the sketch alone, so it is as order-independent as the sketch; a bin edge may
    /// misplace values by up to the sketch's relative accuracy.
    /// </summary>
    private Histogram BuildHistogram(NumericSketch sketch, double min, double max)
    {
        var bins = max > min ? Options.HistogramBins : 1;
        var width = (max - min) / bins;
        var edges = new double[bins + 1];
        for (var i = 0; i < bins; i++) edges[i] = min + i * width;
        edges[bins] = max;
        var counts = new long[bins];
        foreach (var (value, _, _, count) in sketch.Buckets())
        {
            var index = width > 0 ? (int)((Math.Clamp(value, min, max) - min) / width) : 0;
            counts[Math.Min(index, bins - 1)] += count;
        }
        return new Histogram(edges, counts);
    }

    private ColumnProfile WithBooleans(ColumnProfile profile)
    {
        // Counted by meaning, not spelling ("True" and "true" are one), which is what drift compares.
        CategoryCount[] values = _trueCount > _falseCount
            ? [new("true", _trueCount), new("false", _falseCount)]
            : [new("false", _falseCount), new("true", _trueCount)];
        var nonMissing = _trueCount + _falseCount;
        return profile with
        {
            TrueCount = _trueCount,
            TopCategories = values.Where(v => v.Count > 0).Select(v => new CategoryShare(v.Value, v.Count, (double)v.Count / nonMissing)).ToArray(),
            Categories = new CategoryTable(true, values),
        };
    }

    private ColumnProfile WithCategories(ColumnProfile profile, bool includeTable)
    {
        if (_categories is null) return profile;
        var values = _categories.ByCount();
        var nonMissing = _rows - _missing;
        // Past the cap the table is a sample of distinct values, not the most frequent ones: no "top" to report.
        var top = _categories.IsComplete
            ? values.Take(Options.TopCategories).Select(v => new CategoryShare(v.Value, v.Count, (double)v.Count / nonMissing)).ToArray()
            : null;
        return profile with { TopCategories = top, Categories = includeTable ? new CategoryTable(_categories.IsComplete, values) : null };
    }
}
