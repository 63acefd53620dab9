using System.Runtime.CompilerServices;

namespace Trainyard.Data.Profiling;

internal sealed partial class ColumnAccumulator
{
    /// <summary>A batch of this column's fields, in file order; the scan's hot path.</summary>
    /// <remarks>
    /// Declared numeric and categorical columns get their own loops: the same steps as <see cref="Add"/> per field,
    /// with the type switch and the state lookups hoisted out and passing rows tallied once per batch. Order within
    /// the column is unchanged, so results are the same as adding one field at a time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddBatch(ColumnFields fields)
    {
        if (Expected is { Type: ColumnType.Numeric } && _allowed is null) AddNumbers(fields);
        else if (Expected is { Type: ColumnType.Categorical } && _allowed is not null) AddCategories(fields, _categories!, _allowed);
        else
            for (var i = 0; i < fields.Count; i++) Add(fields[i], fields.Lines[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddNumbers(ColumnFields fields)
    {
        var (distinct, moments, sketch, typeRule, rangeRule) = (_distinct, _moments!, _sketch!, _typeRule!, _rangeRule);
        var (min, max) = (Expected!.Min, Expected.Max);
        long missing = 0, parsed = 0, inRange = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (field.IsEmpty) { missing++; continue; }
            var hashed = HashedField.Of(field);
            distinct.Add(hashed.Hash);
            if (!FieldParser.TryParseNumber(field, out var number)) { typeRule.Fail(hashed, fields.Lines[i]); continue; }
            parsed++;
            moments.Add(number);
            sketch.Add(number);
            if (rangeRule is null) continue;
            if (number < min || number > max) rangeRule.Fail(hashed, fields.Lines[i]);
            else inRange++;
        }
        _rows += fields.Count;
        _missing += missing;
        typeRule.Pass(parsed);
        rangeRule?.Pass(inRange);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddCategories(ColumnFields fields, CategoryCounts categories, CountTable allowed)
    {
        long missing = 0, known = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (field.IsEmpty) { missing++; continue; }
            var hashed = HashedField.Of(field);
            if (_distinctDeferred && categories.Kept >= categories.Cap) CatchUpDistinct();
            if (!_distinctDeferred) _distinct.Add(hashed.Hash);
            categories.Add(hashed);
            if (allowed.Contains(hashed)) known++;
            else _categoriesRule!.Fail(hashed, fields.Lines[i]);
        }
        _rows += fields.Count;
        _missing += missing;
        _categoriesRule!.Pass(known);
    }
}
