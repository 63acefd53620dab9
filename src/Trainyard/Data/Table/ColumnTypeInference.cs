using Trainyard.Data.Scanning;

namespace Trainyard.Data.Table;

/// <summary>
/// Infers a column's type from its values, one value at a time, so the in-memory table and the streaming profiler
/// decide the same way. Mergeable, so each scan worker can keep its own. The rule, in order, over non-missing values:
/// <list type="number">
/// <item>every value a number (<see cref="FieldParser.TryParseNumber"/>): <see cref="ColumnType.Numeric"/> — also when
/// there are no values at all, as pandas reads an all-empty column as float64;</item>
/// <item>every value true/false: <see cref="ColumnType.Boolean"/>;</item>
/// <item>every value an ISO 8601 date or timestamp: <see cref="ColumnType.DateTime"/>;</item>
/// <item>at most <see cref="MaxCategories"/> distinct values (default 50): <see cref="ColumnType.Categorical"/>;</item>
/// <item>otherwise <see cref="ColumnType.Text"/>.</item>
/// </list>
/// A fixed distinct-count ceiling (rather than a share of rows) keeps memory bounded while streaming and keeps
/// dictionary-coded features small; a schema can still declare any column categorical.
/// </summary>
internal sealed class ColumnTypeInference(int maxCategories = ColumnTypeInference.DefaultMaxCategories)
{
    public const int DefaultMaxCategories = 50;

    private HashSet<ulong>? _distinct = []; // null once past the ceiling
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
        if (_distinct is not null && _distinct.Add(RecordHash.Hash64(value)) && _distinct.Count > maxCategories) _distinct = null;
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
        if (_distinct.Count > maxCategories) _distinct = null;
    }

    public ColumnType Result =>
        Values == 0 || _allNumbers ? ColumnType.Numeric
        : _allBooleans ? ColumnType.Boolean
        : _allDateTimes ? ColumnType.DateTime
        : _distinct is not null ? ColumnType.Categorical
        : ColumnType.Text;
}
