using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Trainyard.Data.Csv;

/// <summary>
/// Finds the next delimiter, quote, CR or LF. Fields are short (a few bytes), so calling a vectorized search per
/// field pays its setup cost every time; instead this classifies 64 bytes at once into a bit mask and answers
/// following queries from the mask with a trailing-zero count (one 512-bit compare set with AVX-512, two 256-bit ones with AVX2).
/// </summary>
internal ref struct StructuralMask
{
    private const int Block = 64;
    private readonly ReadOnlySpan<byte> _data;
    private readonly byte _delimiter;
    private readonly byte _quote;
    private int _blockStart;
    private ulong _bits;

    public StructuralMask(ReadOnlySpan<byte> data, byte delimiter, byte quote)
    {
        _data = data;
        _delimiter = delimiter;
        _quote = quote;
        _blockStart = int.MinValue / 2;
        _bits = 0;
    }

    /// <summary>Index of the first structural byte at or after <paramref name="position"/>, or the data length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int position)
    {
        while (true)
        {
            var offset = position - _blockStart;
            if ((uint)offset < Block)
            {
                var remaining = _bits >> offset;
                if (remaining != 0) return position + BitOperations.TrailingZeroCount(remaining);
                position = _blockStart + Block;
            }
            if (position >= _data.Length) return _data.Length;
            Load(position);
        }
    }

    private void Load(int position)
    {
        _blockStart = position;
        if (_data.Length - position >= Block)
        {
            ref var start = ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), position);
            _bits = Vector512.IsHardwareAccelerated ? Classify512(ref start)
                : Vector256.IsHardwareAccelerated ? Classify256(ref start) : Classify128(ref start);
            return;
        }
        ulong bits = 0;
        for (var i = position; i < _data.Length; i++)
        {
            var b = _data[i];
            if (b == _delimiter || b == _quote || b == (byte)'\n' || b == (byte)'\r') bits |= 1UL << (i - position);
        }
        _bits = bits;
    }

    /// <summary>With AVX-512 one load and four compares classify the whole block.</summary>
    private readonly ulong Classify512(ref byte start)
    {
        var v = Vector512.LoadUnsafe(ref start);
        return (Vector512.Equals(v, Vector512.Create(_delimiter)) | Vector512.Equals(v, Vector512.Create(_quote))
                | Vector512.Equals(v, Vector512.Create((byte)'\n')) | Vector512.Equals(v, Vector512.Create((byte)'\r')))
            .ExtractMostSignificantBits();
    }

    private readonly ulong Classify256(ref byte start)
    {
        var low = Matches(Vector256.LoadUnsafe(ref start));
        var high = Matches(Vector256.LoadUnsafe(ref start, 32));
        return low | ((ulong)high << 32);
    }

    private readonly uint Matches(Vector256<byte> v) =>
        (Vector256.Equals(v, Vector256.Create(_delimiter)) | Vector256.Equals(v, Vector256.Create(_quote))
         | Vector256.Equals(v, Vector256.Create((byte)'\n')) | Vector256.Equals(v, Vector256.Create((byte)'\r')))
        .ExtractMostSignificantBits();

    private readonly ulong Classify128(ref byte start)
    {
        ulong bits = 0;
        for (var i = 0; i < 4; i++)
        {
            var v = Vector128.LoadUnsafe(ref start, (nuint)(i * 16));
            var m = Vector128.Equals(v, Vector128.Create(_delimiter)) | Vector128.Equals(v, Vector128.Create(_quote))
                    | Vector128.Equals(v, Vector128.Create((byte)'\n')) | Vector128.Equals(v, Vector128.Create((byte)'\r'));
            bits |= (ulong)m.ExtractMostSignificantBits() << (i * 16);
        }
        return bits;
    }
}
