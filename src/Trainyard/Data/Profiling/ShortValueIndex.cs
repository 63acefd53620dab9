using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Trainyard.Data.Profiling;

/// <summary>
/// Finds a short value's (1–16 bytes) entry in a <see cref="CountTable"/> by its bytes alone: the bytes are the key
/// (two 64-bit words and the length), so a repeated category costs two loads, two multiplies and one compare instead of
/// the 64-bit <see cref="FieldHash"/> and a byte-wise compare. Only an index: the table stays the one home of the
/// counts, and the owner drops the index before the table ever removes or moves an entry.
/// </summary>
internal sealed class ShortValueIndex
{
    public const int MaxLength = 16;

    private struct Slot
    {
        public ulong Low;
        public ulong High;
        public int Length; // 0: empty
        public int Entry;
    }

    private Slot[] _slots = new Slot[32];
    private int _shift = 64 - 5; // slot = the mixed key's top log2(slots) bits
    private int _count;

    /// <summary>The value as two little-endian words (zero above its length); false when it is empty or too long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryKey(ReadOnlySpan<byte> value, out ulong low, out ulong high)
    {
        var length = value.Length;
        if ((uint)(length - 1) >= MaxLength) { low = high = 0; return false; }
        if (length >= 8)
        {
            low = BinaryPrimitives.ReadUInt64LittleEndian(value);
            // The last length − 8 bytes, read as the 8 ending the value and shifted down (none when it is 8 bytes).
            high = length == 8 ? 0 : BinaryPrimitives.ReadUInt64LittleEndian(value[(length - 8)..]) >> (8 * (16 - length));
            return true;
        }
        high = 0;
        // Two overlapping reads: the shared bytes land on the same bits in both (as FieldHash's tail).
        if (length >= 4)
            low = BinaryPrimitives.ReadUInt32LittleEndian(value)
                  | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(value[(length - 4)..]) << (8 * (length - 4)));
        else if (length >= 2)
            low = BinaryPrimitives.ReadUInt16LittleEndian(value)
                  | ((ulong)BinaryPrimitives.ReadUInt16LittleEndian(value[(length - 2)..]) << (8 * (length - 2)));
        else low = value[0];
        return true;
    }

    /// <summary>
    /// <see cref="TryKey"/>'s key of the 1–16 bytes at <paramref name="start"/>, which has 16 bytes of
    /// <paramref name="buffer"/> from it: one load, masked to the length (the bytes, zero above it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (ulong Low, ulong High) KeyOf(ReadOnlySpan<byte> buffer, uint start, int length)
    {
        Debug.Assert(length is >= 1 and <= MaxLength && start + 16 <= buffer.Length);
        var words = (Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(buffer), start)
                     & Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(LengthMasks), (nuint)(16 * length))).AsUInt64();
        return (words.ToScalar(), words.GetElement(1));
    }

    // Row n: n bytes of ones, then zeros (n = 0..16); the mask for a value of n bytes.
    private static ReadOnlySpan<byte> LengthMasks =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    ];

    /// <summary>The entry of the value with this key, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong low, ulong high, int length)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var slot = SlotOf(low, high, length, _shift);
        while (true)
        {
            ref var s = ref slots[slot];
            if (s.Low == low && s.High == high && s.Length == length) return s.Entry;
            if (s.Length == 0) return -1;
            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Remembers a value not yet indexed.</summary>
    public void Add(ulong low, ulong high, int length, int entry)
    {
        // At most a quarter full: a value not in its first slot costs a mispredicted probe, and the table is small.
        if ((_count + 1) * 4 > _slots.Length) Grow();
        Place(_slots, _shift, low, high, length, entry);
        _count++;
    }

    private static void Place(Slot[] slots, int shift, ulong low, ulong high, int length, int entry)
    {
        var mask = slots.Length - 1;
        var slot = SlotOf(low, high, length, shift);
        while (slots[slot].Length != 0) slot = (slot + 1) & mask;
        slots[slot] = new Slot { Low = low, High = high, Length = length, Entry = entry };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SlotOf(ulong low, ulong high, int length, int shift)
    {
        // Values often differ only in their last bytes (level_01, level_02): multiply, which carries low bits up, and
        // take the top bits, which every bit below feeds. Bits 40+ of one multiply at half load (as before) sent
        // 12-37% of the synthetic benchmark's category lookups past their first slot (simulated on its first 100,000
        // rows); this at quarter load sends none.
        var key = ((low ^ (ulong)length) * 0x9E3779B97F4A7C15 ^ high) * 0xC2B2AE3D27D4EB4F;
        return (int)(key >> shift);
    }

    private void Grow()
    {
        var slots = new Slot[_slots.Length * 2];
        _shift--;
        foreach (var s in _slots)
            if (s.Length != 0) Place(slots, _shift, s.Low, s.High, s.Length, s.Entry);
        _slots = slots;
    }
}
