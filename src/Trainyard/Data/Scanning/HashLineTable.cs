using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Trainyard.Interop;

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
    // The slots are the bytes _bytes[_offset.._offset + 16 × _slots] viewed as entries: a table of its own (offset 0)
    // or a slice of one huge-page array shared by a tracker's shard tables (MakeShared), aligned to its page.
    private byte[] _bytes;
    private int _offset;
    private int _slots;
    private bool _cleared;

    /// <param name="expectedCount">Hashes expected, so that the table is made once at its final size: each doubling
    /// writes a fresh array, and on a large file those first touches were a third of the scan's page faults.</param>
    public HashLineTable(int expectedCount = 0)
    {
        _slots = SlotsFor(expectedCount);
        _bytes = new byte[_slots * EntryBytes];
        _cleared = true;
    }

    private HashLineTable(byte[] shared, int offset, int slots) => (_bytes, _offset, _slots) = (shared, offset, slots);

    /// <summary>
    /// <paramref name="count"/> tables, each made for <paramref name="expectedCountEach"/> hashes, in one array on huge
    /// pages (<see cref="HugePages"/>): the duplicate-row tables of a large file are tens of MB probed at random. Each
    /// clears its own slice when first used, so the clearing, and the pages' first touch, happen on the scan's workers.
    /// </summary>
    public static HashLineTable[] MakeShared(int count, int expectedCountEach)
    {
        var slots = SlotsFor(expectedCountEach);
        var bytes = (long)count * slots * EntryBytes;
        // Below a few huge pages the tables are as well made one by one (a small file's: 1 MB in all); beyond an
        // array's reach too.
        if (bytes < 4L * HugePages.PageBytes || bytes > Array.MaxLength - HugePages.PageBytes)
        {
            var own = new HashLineTable[count];
            for (var i = 0; i < count; i++) own[i] = new HashLineTable(expectedCountEach);
            return own;
        }
        return Over(HugePages.AllocateUninitialized((int)bytes), count, slots);
    }

    /// <summary><paramref name="count"/> tables of <paramref name="slots"/> slots (a power of two) one after another in
    /// <paramref name="memory"/>, whatever it holds now.</summary>
    internal static HashLineTable[] Over(ArraySegment<byte> memory, int count, int slots)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)count * slots * EntryBytes, memory.Count);
        var tables = new HashLineTable[count];
        for (var i = 0; i < count; i++) tables[i] = new HashLineTable(memory.Array!, memory.Offset + i * slots * EntryBytes, slots);
        return tables;
    }

    private static int SlotsFor(int expectedCount) =>
        Math.Max(SmallestSize, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(expectedCount, 0, 1 << 29) * 2));

    /// <summary>This table's slots; a shared table's slice is zeroed on first use.</summary>
    private Span<Entry> Entries
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var entries = MemoryMarshal.Cast<byte, Entry>(new Span<byte>(_bytes, _offset, _slots * EntryBytes));
            if (!_cleared) Clear(entries);
            return entries;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Clear(Span<Entry> entries)
    {
        entries.Clear();
        _cleared = true;
    }

    public int Count { get; private set; }

    /// <summary>Slots in the table: it doubles when more than half are taken.</summary>
    public int Slots => _slots;

    /// <summary>True when present: <paramref name="firstLine"/> is the smallest line seen before this one.</summary>
    public bool TryGetFirstLine(ulong hash, out long firstLine)
    {
        var entries = Entries;
        ref var entry = ref entries[Find(entries, Key(hash))];
        firstLine = entry.Key == 0 ? 0 : entry.Line;
        return entry.Key != 0;
    }

    /// <summary>Asks the CPU to start loading the hash's home slot, so that adding it a few hashes later finds it in cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(ulong hash)
    {
        if (!Sse.IsSupported) return;
        var at = _offset + (int)(Key(hash) & (ulong)(_slots - 1)) * EntryBytes;
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bytes), at)));
    }

    /// <summary>Adds the hash with its line, or keeps the smaller line when present; true when it was present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AddOrKeepSmallest(ulong hash, long line, out long previousFirstLine)
    {
        var key = Key(hash);
        var entries = Entries;
        ref var entry = ref entries[Find(entries, key)];
        if (entry.Key != 0)
        {
            previousFirstLine = entry.Line;
            if (line < previousFirstLine) entry.Line = line;
            return true;
        }
        previousFirstLine = 0;
        entry = new Entry(key, line);
        if (++Count * 2 > _slots) Grow();
        return false;
    }

    /// <summary>Drops the hashes <paramref name="remove"/> picks (it sees stored keys), in place.</summary>
    public void RemoveWhere(Func<ulong, bool> remove)
    {
        // Load stays at most 1/2, so an empty slot exists; no probe chain crosses it, so re-placing every survivor
        // in order from there moves each only back towards its home and never opens a gap in a chain.
        var entries = Entries;
        var start = 0;
        while (entries[start].Key != 0) start++;
        for (var i = 0; i < entries.Length; i++)
            if (entries[i].Key != 0 && remove(entries[i].Key)) { entries[i].Key = 0; Count--; }
        var mask = entries.Length - 1;
        for (var n = 1; n < entries.Length; n++)
        {
            var i = (start + n) & mask;
            var entry = entries[i];
            if (entry.Key == 0) continue;
            entries[i].Key = 0;
            entries[Find(entries, entry.Key)] = entry;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(ulong hash) => hash == 0 ? 1 : hash;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Find(Span<Entry> entries, ulong key)
    {
        var mask = entries.Length - 1;
        var slot = (int)(key & (ulong)mask);
        while (entries[slot].Key != 0 && entries[slot].Key != key) slot = (slot + 1) & mask;
        return slot;
    }

    private void Grow()
    {
        var old = Entries;
        var bytes = new byte[old.Length * 2 * EntryBytes];
        var grown = MemoryMarshal.Cast<byte, Entry>(bytes.AsSpan());
        foreach (var entry in old)
            if (entry.Key != 0) grown[Find(grown, entry.Key)] = entry;
        (_bytes, _offset, _slots) = (bytes, 0, grown.Length);
    }

    private record struct Entry(ulong Key, long Line);

    private static int EntryBytes => Unsafe.SizeOf<Entry>(); // 16: a JIT-time constant
}
