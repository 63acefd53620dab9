using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Trainyard.Data.Csv;

/// <summary>Counts quotes and LFs in one pass (the chunk reader needs both for every chunk: two counts read it twice).</summary>
internal static class QuotesAndNewlines
{
    public static (int Quotes, int Newlines) Count(ReadOnlySpan<byte> data, byte quote)
    {
        ref var start = ref MemoryMarshal.GetReference(data);
        var quotes = 0;
        var newlines = 0;
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= data.Length - 64; i += 64)
            {
                var v = Vector512.LoadUnsafe(ref start, (nuint)i);
                quotes += BitOperations.PopCount(Vector512.Equals(v, Vector512.Create(quote)).ExtractMostSignificantBits());
                newlines += BitOperations.PopCount(Vector512.Equals(v, Vector512.Create((byte)'\n')).ExtractMostSignificantBits());
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= data.Length - 32; i += 32)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                quotes += BitOperations.PopCount(Vector256.Equals(v, Vector256.Create(quote)).ExtractMostSignificantBits());
                newlines += BitOperations.PopCount(Vector256.Equals(v, Vector256.Create((byte)'\n')).ExtractMostSignificantBits());
            }
        }
        for (; i < data.Length; i++)
        {
            var b = Unsafe.Add(ref start, i);
            quotes += b == quote ? 1 : 0;
            newlines += b == (byte)'\n' ? 1 : 0;
        }
        return (quotes, newlines);
    }
}
