using Trainyard.Data.Profiling;

namespace Trainyard.Data.Table;

/// <summary>
/// One column's raw field bytes, packed end to end, collected during the table's single scan so that types can be
/// inferred before anything is converted, without reading the file twice. Optionally observes type inference and
/// records each row's line (one column does, for error messages).
/// </summary>
internal sealed class RawColumn(ColumnTypeInference? inference, bool recordLines) : IColumnAccumulator
{
    private byte[] _bytes = new byte[4096];
    private int _used;
    private int[] _ends = new int[1024];
    private long[] _lines = recordLines ? new long[1024] : [];

    public ColumnTypeInference? Inference { get; } = inference;

    public int Count { get; private set; }

    public ReadOnlySpan<byte> this[int row] => _bytes.AsSpan(row == 0 ? 0 : _ends[row - 1], _ends[row] - (row == 0 ? 0 : _ends[row - 1]));

    public long LineOf(int row) => _lines[row];

    public void Add(ReadOnlySpan<byte> field, long line)
    {
        if (Count == _ends.Length)
        {
            if (Count == Array.MaxLength) throw new TrainyardException("too many rows for an in-memory table; use a streaming scan");
            Array.Resize(ref _ends, (int)Math.Min(Count * 2L, Array.MaxLength));
            if (recordLines) Array.Resize(ref _lines, _ends.Length);
        }
        if (_bytes.Length - _used < field.Length) GrowBytes(field.Length);
        field.CopyTo(_bytes.AsSpan(_used));
        _used += field.Length;
        _ends[Count] = _used;
        if (recordLines) _lines[Count] = line;
        Count++;
        Inference?.Observe(field);
    }

    /// <summary>Appends another worker's rows. The table scans with one worker, so rows stay in file order.</summary>
    public void Merge(IColumnAccumulator other)
    {
        var raw = (RawColumn)other;
        for (var row = 0; row < raw.Count; row++) Add(raw[row], recordLines ? raw.LineOf(row) : 0);
    }

    private void GrowBytes(int needed)
    {
        var size = Math.Max((long)_bytes.Length * 2, (long)_used + needed);
        if (size > Array.MaxLength) throw new TrainyardException("a column holds more than 2 GB of text; use a streaming scan");
        Array.Resize(ref _bytes, (int)size);
    }
}
