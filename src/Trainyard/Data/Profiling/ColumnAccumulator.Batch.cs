using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Trainyard.Data.Profiling;

internal sealed partial class ColumnAccumulator
{
    private double[] _numbers = [];  // one batch's parsed values and field hashes, between the passes of AddNumbers
    private ulong[] _hashes = [];

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

    /// <remarks>
    /// In passes: hash and parse (with rule checks) into buffers, then distinct counting, moments, the sketch. Each
    /// pass is a short loop over one structure, so the CPU overlaps consecutive values' arithmetic (the sketch key is
    /// a long dependent chain) instead of stalling on one long loop body. Each structure still sees file order.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddNumbers(ColumnFields fields)
    {
        var (distinct, typeRule, rangeRule) = (_distinct, _typeRule!, _rangeRule);
        var (min, max) = (Expected!.Min, Expected.Max);
        if (_numbers.Length < fields.Count) (_numbers, _hashes) = (new double[fields.Count], new ulong[fields.Count]);
        var numbers = _numbers.AsSpan(0, fields.Count);
        var hashes = _hashes.AsSpan(0, fields.Count);
        long missing = 0, inRange = 0;
        int parsed = 0, hashed = 0;
        ReadOnlySpan<byte> chunk = fields.Chunk, unquoted = fields.Unquoted;
        ReadOnlySpan<int> starts = fields.Starts, lengths = fields.Lengths;
        for (var i = 0; i < fields.Count; i++)
        {
            var length = lengths[i];
            if (length == 0) { missing++; continue; }
            var start = starts[i];
            var source = start >= 0 ? chunk : unquoted;
            start ^= start >> 31; // ~start for a field in the unquoted copy
            var field = source.Slice(start, length);
            // Nearly every field has 16 bytes of its buffer from its start (the record's other fields follow it): the
            // hash takes them in one load, without the byte-wise tail. The last fields of a chunk and long ones as before.
            var hash = length <= 16 && start <= source.Length - 16
                ? FieldHash.OfShort(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)start), length)
                : FieldHash.Of(field);
            hashes[hashed++] = hash;
            // The byte loop stays: a branch-free 16-byte parse (simdjson's multiply-adds) measured slower here.
            if (!FieldParser.TryParseNumber(field, out var number)) { typeRule.Fail(new HashedField(field, hash), fields.Lines[i]); continue; }
            numbers[parsed++] = number;
            if (rangeRule is null) continue;
            if (number < min || number > max) rangeRule.Fail(new HashedField(field, hash), fields.Lines[i]);
            else inRange++;
        }
        distinct.Add(hashes[..hashed]);
        numbers = numbers[..parsed];
        _moments!.Add(numbers);
        _sketch!.Add(numbers);
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
            // Known values in a tight loop; this loop takes the field it stops at (new, not allowed, long) and resumes it.
            if (_distinctDeferred && categories.Kept < categories.Cap && (i = categories.CountKnown(fields, i, ref missing, ref known)) == fields.Count) break;
            var field = fields[i];
            if (field.IsEmpty) { missing++; continue; }
            if (_distinctDeferred && categories.Kept >= categories.Cap) CatchUpDistinct();
            // A short value seen before, while no hash is needed for distinct counting: found by its bytes alone.
            if (_distinctDeferred && categories.TryAddKnown(field, out var isAllowed))
            {
                if (isAllowed) known++;
                else _categoriesRule!.Fail(HashedField.Of(field), fields.Lines[i]);
                continue;
            }
            var hashed = HashedField.Of(field);
            if (!_distinctDeferred) _distinct.Add(hashed.Hash);
            if (categories.AddAndCheck(hashed, allowed)) known++;
            else _categoriesRule!.Fail(hashed, fields.Lines[i]);
        }
        _rows += fields.Count;
        _missing += missing;
        _categoriesRule!.Pass(known);
    }
}
