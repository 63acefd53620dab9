namespace Trainyard.Runtime.Features;

/// <summary>
/// The build side's fast path: one whole column at a time into a dense row-major matrix (<see cref="FeatureCount"/>
/// floats per row), for the rows listed. The same encoding as the row path, without a value-by-value dispatch.
/// Callers split the rows into chunks (each chunk a slice of rows and its slice of the matrix) to run in parallel.
/// </summary>
public sealed partial class Featurizer
{
    internal void WriteNumericColumn(int column, ReadOnlySpan<double> values, ReadOnlySpan<bool> missing, ReadOnlySpan<int> rows, Span<float> matrix)
    {
        var stride = FeatureCount;
        var offset = _offsets[column];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            matrix[i * stride + offset] = missing[row] ? float.NaN : (float)values[row];
        }
    }

    internal void WriteBooleanColumn(int column, ReadOnlySpan<bool> values, ReadOnlySpan<bool> missing, ReadOnlySpan<int> rows, Span<float> matrix)
    {
        var stride = FeatureCount;
        var offset = _offsets[column];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            matrix[i * stride + offset] = missing[row] ? float.NaN : values[row] ? 1f : 0f;
        }
    }

    /// <summary>For a table's dictionary codes whose meaning is <paramref name="codeNames"/>: each code's slot in a
    /// one-hot column, -1 for a category training never saw. Computed once per column, so each row is one lookup.</summary>
    internal int[] SlotsOfCodes(int column, IReadOnlyList<string> codeNames) =>
        codeNames.Select(name => SlotOf(column, name)).ToArray();

    /// <summary>Dictionary codes (-1 missing) through <see cref="SlotsOfCodes"/>; returns how many values were unseen categories.</summary>
    internal long WriteCategoryColumn(int column, ReadOnlySpan<int> codes, ReadOnlySpan<int> slotOfCode, ReadOnlySpan<int> rows, Span<float> matrix)
    {
        var stride = FeatureCount;
        var offset = _offsets[column];
        var width = WidthOf(column);
        long unseen = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var code = codes[rows[i]];
            var slots = matrix.Slice(i * stride + offset, width);
            if (code < 0) { slots.Fill(float.NaN); continue; }
            slots.Clear();
            var slot = slotOfCode[code];
            if (slot >= 0) slots[slot] = 1f;
            else unseen++;
        }
        return unseen;
    }
}
