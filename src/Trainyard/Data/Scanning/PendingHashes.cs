using System.Runtime.CompilerServices;

namespace Trainyard.Data.Scanning;

/// <summary>A worker's hashes for the current chunk (and, for ids, their text), handed to a tracker at its end.</summary>
internal sealed class PendingHashes(DuplicateTracker tracker, bool keepValues)
{
    private PendingHash[] _items = new PendingHash[4096];
    private PendingHash[] _scratch = new PendingHash[4096];
    private byte[] _values = keepValues ? new byte[16384] : [];
    private int _count;
    private int _valueLength;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per record, into the tokenizer's (AggressiveOptimization) loop
    public void Add(ulong hash, long line, ReadOnlySpan<byte> value)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        var start = _valueLength;
        if (keepValues)
        {
            if (_values.Length - _valueLength < value.Length) Array.Resize(ref _values, Math.Max(_values.Length * 2, _valueLength + value.Length));
            value.CopyTo(_values.AsSpan(_valueLength));
            _valueLength += value.Length;
        }
        _items[_count++] = new PendingHash(hash, line, start, keepValues ? value.Length : 0);
    }

    public void Flush()
    {
        if (_count == 0) return;
        if (_scratch.Length < _count) _scratch = new PendingHash[_items.Length];
        tracker.Add(_items.AsSpan(0, _count), _values.AsSpan(0, _valueLength), _scratch);
        _count = 0;
        _valueLength = 0;
    }
}
