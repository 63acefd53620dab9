using System.Runtime.CompilerServices;

namespace Trainyard.Data.Profiling;

/// <summary>
/// Profiles one column in one streaming pass. Without a schema it infers the type as it goes (tracking whether every
/// value so far parses as a number, boolean, datetime, and the distinct values); with one it checks each value
/// against the declared type, range and categories and tallies failures per rule. One instance per scan worker;
/// <see cref="Merge"/> folds the workers' instances together, with results independent of chunking and merge order.
/// </summary>
internal sealed partial class ColumnAccumulator : IColumnAccumulator
{
    private readonly DistinctCounter _distinct;
    private readonly CategoryCounts? _categories;
    private readonly Moments? _moments;
    private readonly QuantileSketch? _sketch;
    private readonly RuleTally? _typeRule;
    private readonly RuleTally? _rangeRule;
    private readonly RuleTally? _categoriesRule;
    private readonly CountTable? _allowed;

    // While the category table is complete it holds every distinct value, so the distinct counter would only repeat
    // it: it is fed from the table once the table is about to start sampling (or a merge could make it).
    private bool _distinctDeferred;
    private long _rows;
    private long _missing;
    private bool _allNumbers = true;   // inference only: every non-missing value so far parsed as …
    private bool _allBooleans = true;
    private bool _allDateTimes = true;
    private long _trueCount;
    private long _falseCount;
    private DateTime _earliest = DateTime.MaxValue;
    private DateTime _latest = DateTime.MinValue;

    public ColumnAccumulator(string name, ColumnSchema? expected, ProfileOptions options)
    {
        Name = name;
        Expected = expected;
        Options = options;
        _distinct = new DistinctCounter(options.DistinctExactCap, options.HyperLogLogPrecision);
        var type = expected?.Type;
        // Numbers and dates have too many values to be worth a count table; everything else may be a category.
        if (type is not (ColumnType.Numeric or ColumnType.DateTime))
        {
            _categories = new CategoryCounts(options.CategoryCap);
            _distinctDeferred = true;
        }
        if (type is null or ColumnType.Numeric)
        {
            _moments = new Moments();
            _sketch = new QuantileSketch(options.RelativeAccuracy, options.MaxSketchBuckets);
        }
        if (type is ColumnType.Numeric or ColumnType.Boolean or ColumnType.DateTime) _typeRule = new RuleTally(RowRule.Type, options);
        if (type is ColumnType.Numeric && (expected!.Min is not null || expected.Max is not null)) _rangeRule = new RuleTally(RowRule.Range, options);
        if (expected?.Categories is { } categories)
        {
            _categoriesRule = new RuleTally(RowRule.Categories, options);
            _allowed = new CountTable();
            foreach (var category in categories)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(category);
                var key = new Utf8Key(bytes, FieldHash.Of(bytes));
                if (!_allowed.Contains(new HashedField(bytes, key.Hash))) _allowed.Insert(key, 0);
            }
        }
    }

    public string Name { get; }
    public ColumnSchema? Expected { get; }
    public ProfileOptions Options { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<byte> field, long line)
    {
        _rows++;
        if (field.IsEmpty)
        {
            _missing++;
            return;
        }
        var hashed = HashedField.Of(field);
        if (_categories is null) _distinct.Add(hashed.Hash);
        else
        {
            if (_distinctDeferred && _categories.Kept >= _categories.Cap) CatchUpDistinct();
            if (!_distinctDeferred) _distinct.Add(hashed.Hash);
            _categories.Add(hashed);
        }
        if (Expected is null) Observe(field);
        else Check(hashed, line);
    }

    private void Observe(ReadOnlySpan<byte> field)
    {
        if (_allNumbers)
        {
            if (FieldParser.TryParseNumber(field, out var number)) AddNumber(number);
            else _allNumbers = false;
        }
        if (_allBooleans)
        {
            if (FieldParser.TryParseBoolean(field, out var flag)) AddBoolean(flag);
            else _allBooleans = false;
        }
        if (_allDateTimes)
        {
            if (FieldParser.TryParseDateTime(field, out var time)) AddDateTime(time);
            else _allDateTimes = false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Check(HashedField field, long line)
    {
        switch (Expected!.Type)
        {
            case ColumnType.Numeric when FieldParser.TryParseNumber(field.Bytes, out var number):
                _typeRule!.Pass();
                AddNumber(number);
                if (_rangeRule is not null)
                {
                    if (number < Expected.Min || number > Expected.Max) _rangeRule.Fail(field, line);
                    else _rangeRule.Pass();
                }
                break;
            case ColumnType.Boolean when FieldParser.TryParseBoolean(field.Bytes, out var flag):
                _typeRule!.Pass();
                AddBoolean(flag);
                break;
            case ColumnType.DateTime when FieldParser.TryParseDateTime(field.Bytes, out var time):
                _typeRule!.Pass();
                AddDateTime(time);
                break;
            case ColumnType.Numeric or ColumnType.Boolean or ColumnType.DateTime:
                _typeRule!.Fail(field, line);
                break;
        }
        if (_allowed is { } allowed)
        {
            if (allowed.Contains(field)) _categoriesRule!.Pass();
            else _categoriesRule!.Fail(field, line);
        }
    }

    private void CatchUpDistinct()
    {
        if (!_distinctDeferred) return;
        foreach (var hash in _categories!.Hashes) _distinct.Add(hash);
        _distinctDeferred = false;
    }

    private void AddNumber(double number)
    {
        _moments!.Add(number);
        _sketch!.Add(number);
    }

    private void AddBoolean(bool flag)
    {
        if (flag) _trueCount++;
        else _falseCount++;
    }

    private void AddDateTime(DateTime time)
    {
        if (time < _earliest) _earliest = time;
        if (time > _latest) _latest = time;
    }

    public void Merge(IColumnAccumulator other)
    {
        if (other is not ColumnAccumulator column || column.Name != Name || column.Expected != Expected || column.Options != Options)
            throw new InvalidOperationException($"Only accumulators of the same column and settings merge; '{Name}' got another.");
        _rows += column._rows;
        _missing += column._missing;
        _allNumbers &= column._allNumbers;
        _allBooleans &= column._allBooleans;
        _allDateTimes &= column._allDateTimes;
        _trueCount += column._trueCount;
        _falseCount += column._falseCount;
        if (column._earliest < _earliest) _earliest = column._earliest;
        if (column._latest > _latest) _latest = column._latest;
        if (!(_distinctDeferred && column._distinctDeferred && _categories!.Kept + column._categories!.Kept <= _categories.Cap))
        {
            CatchUpDistinct();
            if (column._distinctDeferred)
                foreach (var hash in column._categories!.Hashes) _distinct.Add(hash);
            else _distinct.Merge(column._distinct);
        }
        _categories?.Merge(column._categories!);
        _moments?.Merge(column._moments!);
        _sketch?.Merge(column._sketch!);
        _typeRule?.Merge(column._typeRule!);
        _rangeRule?.Merge(column._rangeRule!);
        _categoriesRule?.Merge(column._categoriesRule!);
    }
}
