using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Numerics;

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        var hash = Prime3 ^ ((ulong)bytes.Length * Prime1);
        while (bytes.Length >= 8)
        {
            hash = Step(hash, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[8..];
        }
        if (!bytes.IsEmpty)
        {
            ulong tail = 0;
            for (var i = bytes.Length - 1; i >= 0; i--) tail = (tail << 8) | bytes[i];
            hash = Step(hash, tail);
        }
        return Finalize(hash);
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
