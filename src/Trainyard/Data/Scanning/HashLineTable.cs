namespace Trainyard.Data.Scanning;

/// <summary>
/// An open-addressing map from a 64-bit hash to the smallest line it was seen on: two flat arrays, linear probing,
/// no per-entry objects, about 32 bytes per entry at worst (a Dictionary costs more and faults in more pages).
/// Hash 0 marks an empty slot, so a real hash of 0 is stored as 1; the collision that adds is negligible.
/// Entries can be dropped in bulk (when a sampled tracker raises its level) without reallocating.
/// </summary>
internal sealed class HashLineTable
{
    private ulong[] _keys = new ulong[1024];
    private long[] _lines = new long[1024];

    public int Count { get; private set; }

    /// <summary>True when present: <paramref name="firstLine"/> is the smallest line seen before this one.</summary>
    public bool TryGetFirstLine(ulong hash, out long firstLine)
    {
        var slot = Find(Key(hash));
        firstLine = _keys[slot] == 0 ? 0 : _lines[slot];
        return _keys[slot] != 0;
    }

    /// <summary>Adds the hash with its line, or keeps the smaller line when present; true when it was present.</summary>
    public bool AddOrKeepSmallest(ulong hash, long line, out long previousFirstLine)
    {
        var key = Key(hash);
        var slot = Find(key);
        if (_keys[slot] != 0)
        {
            previousFirstLine = _lines[slot];
            if (line < previousFirstLine) _lines[slot] = line;
            return true;
        }
        previousFirstLine = 0;
        _keys[slot] = key;
        _lines[slot] = line;
        if (++Count * 2 > _keys.Length) Grow();
        return false;
    }

    /// <summary>Drops the hashes <paramref name="remove"/> picks (it sees stored keys), in place.</summary>
    public void RemoveWhere(Func<ulong, bool> remove)
    {
        // Load stays at most 1/2, so an empty slot exists; no probe chain crosses it, so re-placing every survivor
        // in order from there moves each only back towards its home and never opens a gap in a chain.
        var start = Array.IndexOf(_keys, 0UL);
        for (var i = 0; i < _keys.Length; i++)
            if (_keys[i] != 0 && remove(_keys[i])) { _keys[i] = 0; Count--; }
        var mask = _keys.Length - 1;
        for (var n = 1; n < _keys.Length; n++)
        {
            var i = (start + n) & mask;
            var key = _keys[i];
            if (key == 0) continue;
            _keys[i] = 0;
            var slot = Find(key);
            _keys[slot] = key;
            _lines[slot] = _lines[i];
        }
    }

    private static ulong Key(ulong hash) => hash == 0 ? 1 : hash;

    private int Find(ulong key)
    {
        var mask = _keys.Length - 1;
        var slot = (int)(key & (ulong)mask);
        while (_keys[slot] != 0 && _keys[slot] != key) slot = (slot + 1) & mask;
        return slot;
    }

    private void Grow()
    {
        var keys = _keys;
        var lines = _lines;
        _keys = new ulong[keys.Length * 2];
        _lines = new long[keys.Length * 2];
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] == 0) continue;
            var slot = Find(keys[i]);
            _keys[slot] = keys[i];
            _lines[slot] = lines[i];
        }
    }
}
