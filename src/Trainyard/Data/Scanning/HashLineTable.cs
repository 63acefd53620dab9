using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Trainyard.Data.Scanning;

/// <summary>
/// An open-addressing map from a 64-bit hash to the smallest line it was seen on: one flat array of (hash, line)
/// pairs, linear probing, no per-entry objects, about 32 bytes per entry at worst (a Dictionary costs more and
/// faults in more pages). A pair shares a cache line, so a probe that misses the cache misses once, not twice.
/// Hash 0 marks an empty slot, so a real hash of 0 is stored as 1; the collision that adds is negligible.
/// Entries can be dropped in bulk (when a sampled tracker raises its level) without reallocating.
/// </summary>
internal sealed class HashLineTable
{
    private const int SmallestSize = 1024;
    private Entry[] _entries;

    /// <param name="expectedCount">Hashes expected, so that the table is made once at its final size: each doubling
    /// writes a fresh array, and on a large file those first touches were a third of the scan's page faults.</param>
    public HashLineTable(int expectedCount = 0) =>
        _entries = new Entry[Math.Max(SmallestSize, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(expectedCount, 0, 1 << 29) * 2))];

    public int Count { get; private set; }

    /// <summary>Slots in the table: it doubles when more than half are taken.</summary>
    public int Slots => _entries.Length;

    /// <summary>True when present: <paramref name="firstLine"/> is the smallest line seen before this one.</summary>
    public bool TryGetFirstLine(ulong hash, out long firstLine)
    {
        ref var entry = ref _entries[Find(Key(hash))];
        firstLine = entry.Key == 0 ? 0 : entry.Line;
        return entry.Key != 0;
    }

    /// <summary>Asks the CPU to start loading the hash's home slot, so that adding it a few hashes later finds it in cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(ulong hash)
    {
        if (!Sse.IsSupported) return;
        var entries = _entries;
        var slot = (int)(Key(hash) & (ulong)(entries.Length - 1));
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(entries), slot)));
    }

    /// <summary>Adds the hash with its line, or keeps the smaller line when present; true when it was present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AddOrKeepSmallest(ulong hash, long line, out long previousFirstLine)
    {
        var key = Key(hash);
        ref var entry = ref _entries[Find(key)];
        if (entry.Key != 0)
        {
            previousFirstLine = entry.Line;
            if (line < previousFirstLine) entry.Line = line;
            return true;
        }
        previousFirstLine = 0;
        entry = new Entry(key, line);
        if (++Count * 2 > _entries.Length) Grow();
        return false;
    }

    /// <summary>Drops the hashes <paramref name="remove"/> picks (it sees stored keys), in place.</summary>
    public void RemoveWhere(Func<ulong, bool> remove)
    {
        // Load stays at most 1/2, so an empty slot exists; no probe chain crosses it, so re-placing every survivor
        // in order from there moves each only back towards its home and never opens a gap in a chain.
        var start = 0;
        while (_entries[start].Key != 0) start++;
        for (var i = 0; i < _entries.Length; i++)
            if (_entries[i].Key != 0 && remove(_entries[i].Key)) { _entries[i].Key = 0; Count--; }
        var mask = _entries.Length - 1;
        for (var n = 1; n < _entries.Length; n++)
        {
            var i = (start + n) & mask;
            var entry = _entries[i];
            if (entry.Key == 0) continue;
            _entries[i].Key = 0;
            _entries[Find(entry.Key)] = entry;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(ulong hash) => hash == 0 ? 1 : hash;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(ulong key)
    {
        var entries = _entries;
        var mask = entries.Length - 1;
        var slot = (int)(key & (ulong)mask);
        while (entries[slot].Key != 0 && entries[slot].Key != key) slot = (slot + 1) & mask;
        return slot;
    }

    private void Grow()
    {
        var entries = _entries;
        _entries = new Entry[entries.Length * 2];
        foreach (var entry in entries)
            if (entry.Key != 0) _entries[Find(entry.Key)] = entry;
    }

    private record struct Entry(ulong Key, long Line);
}
