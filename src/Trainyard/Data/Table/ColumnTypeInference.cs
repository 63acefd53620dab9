using Trainyard.Data.Scanning;

namespace Trainyard.Data.Table;

/// <summary>
/// What the in-memory table sees of a column, one value at a time, for <see cref="TypeInference"/>: the same rule as
/// the streaming profiler's, so Train and ValidateData type a column alike. Mergeable, so each scan worker can keep
/// its own. Distinct values are counted by hash up to <see cref="TypeInference.DistinctCap"/>, as the profiler's
/// category table.
/// </summary>
internal sealed class ColumnTypeInference(int maxCategories = ColumnTypeInference.DefaultMaxCategories)
{
    public const int DefaultMaxCategories = TypeInference.DefaultMaxDistinct;

    private HashSet<ulong>? _distinct = []; // null once past the cap
    private bool _allNumbers = true;
    private bool _allBooleans = true;
    private bool _allDateTimes = true;

    public int MaxCategories => maxCategories;

    /// <summary>Non-missing values observed.</summary>
    public long Values { get; private set; }

    /// <summary>One field, quotes removed; empty (missing) is ignored.</summary>
    public void Observe(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty) return;
        Values++;
        if (_allNumbers && !FieldParser.TryParseNumber(value, out _)) _allNumbers = false;
        if (_allBooleans && !FieldParser.TryParseBoolean(value, out _)) _allBooleans = false;
        if (_allDateTimes && !FieldParser.TryParseDateTime(value, out _)) _allDateTimes = false;
        if (_distinct is not null && _distinct.Add(RecordHash.Hash64(value)) && _distinct.Count > TypeInference.DistinctCap) _distinct = null;
    }

    public void Merge(ColumnTypeInference other)
    {
        Values += other.Values;
        _allNumbers &= other._allNumbers;
        _allBooleans &= other._allBooleans;
        _allDateTimes &= other._allDateTimes;
        if (_distinct is null) return;
        if (other._distinct is null) { _distinct = null; return; }
        _distinct.UnionWith(other._distinct);
        if (_distinct.Count > TypeInference.DistinctCap) _distinct = null;
    }

    public ColumnType Result =>
        TypeInference.Decide(Values, _allNumbers, _allBooleans, _allDateTimes, _distinct?.Count, maxCategories);
}
