using System.Runtime.CompilerServices;

namespace Trainyard.Data.Profiling;

/// <summary>
/// A set of 64-bit field hashes: one flat array, linear probing, the hash's own low bits as the slot (field hashes
/// are already avalanched). HashSet&lt;ulong&gt; costs a modulo, a bucket array and an entry array per probe; this
/// is one array read for the common case of a value seen before.
/// </summary>
internal sealed class HashSet64
{
    private ulong[] _slots = new ulong[64]; // 0 marks an empty slot; hash 0 itself is tracked by _hasZero
    private bool _hasZero;

    public int Count { get; private set; }

    /// <summary>Adds the hash; true when it was not yet in the set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Add(ulong hash)
    {
        if (hash == 0)
        {
            if (_hasZero) return false;
            _hasZero = true;
            Count++;
            return true;
        }
        var slots = _slots;
        var mask = slots.Length - 1;
        var slot = (int)hash & mask;
        while (true)
        {
            var stored = slots[slot];
            if (stored == hash) return false;
            if (stored == 0) break;
            slot = (slot + 1) & mask;
        }
        slots[slot] = hash;
        if (++Count * 4 > slots.Length * 3) Grow(); // up to 3/4 full: the default 10,000-hash cap fits 16,384 slots
        return true;
    }

    /// <summary>Every hash in the set, in no particular order.</summary>
    public IEnumerable<ulong> Items()
    {
        if (_hasZero) yield return 0;
        foreach (var hash in _slots)
            if (hash != 0) yield return hash;
    }

    private void Grow()
    {
        var old = _slots;
        var slots = new ulong[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (var hash in old)
        {
            if (hash == 0) continue;
            var slot = (int)hash & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = hash;
        }
        _slots = slots;
    }
}
