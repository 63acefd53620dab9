using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Trainyard.Data.Profiling;

/// <summary>
/// A fixed 64-bit hash of a field's UTF-8 bytes. Distinct counts and category sampling depend on it, so it has no
/// per-process seed (unlike <see cref="HashCode"/>): the same file gives the same profile on every machine and run.
/// Eight bytes per step with a multiply-rotate mix, then MurmurHash3's 64-bit finalizer for avalanche, which
/// HyperLogLog needs (it reads the leading bits).
/// </summary>
internal static class FieldHash
{
    private const ulong Prime1 = 0x9E3779B97F4A7C15;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4F;
    private const ulong Prime3 = 0x165667B19E3779F9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the AggressiveOptimization batch loops, which cannot inline AggressiveOptimization callees
    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        var hash = Prime3 ^ ((ulong)bytes.Length * Prime1);
        while (bytes.Length >= 8)
        {
            hash = Step(hash, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[8..];
        }
        if (!bytes.IsEmpty) hash = Step(hash, Tail(bytes));
        return Finalize(hash);
    }

    /// <summary>
    /// The same hash as <see cref="Of"/> for a field of 1–16 bytes whose first 16 bytes are already loaded (the field,
    /// then whatever follows it in the buffer): the bytes past the field are masked off, which is exactly the
    /// zero-extended tail <see cref="Of"/> reads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OfShort(Vector128<byte> padded, int length)
    {
        var words = padded.AsUInt64();
        var hash = Prime3 ^ ((ulong)length * Prime1);
        if (length <= 8) return Finalize(Step(hash, words.ToScalar() & (ulong.MaxValue >> (64 - 8 * length))));
        return Finalize(Step(Step(hash, words.ToScalar()), words.GetElement(1) & (ulong.MaxValue >> (128 - 8 * length))));
    }

    /// <summary>
    /// The last 1–7 bytes as a little-endian number, from two overlapping reads instead of a loop per byte (the
    /// overlapping bytes land on the same bits in both, so OR-ing them is exact).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Tail(ReadOnlySpan<byte> bytes)
    {
        var length = bytes.Length;
        if (length >= 4)
            return BinaryPrimitives.ReadUInt32LittleEndian(bytes)
                   | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(length - 4)..]) << (8 * (length - 4)));
        if (length >= 2)
            return BinaryPrimitives.ReadUInt16LittleEndian(bytes)
                   | ((ulong)BinaryPrimitives.ReadUInt16LittleEndian(bytes[(length - 2)..]) << (8 * (length - 2)));
        return bytes[0];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // profiles showed it called, not inlined
    private static ulong Step(ulong hash, ulong block)
    {
        hash ^= BitOperations.RotateLeft(block * Prime2, 31) * Prime1;
        return BitOperations.RotateLeft(hash, 27) * Prime1 + Prime3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Finalize(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCD;
        hash ^= hash >> 33;
        hash *= 0xC4CEB9FE1A85EC53;
        return hash ^ (hash >> 33);
    }
}
