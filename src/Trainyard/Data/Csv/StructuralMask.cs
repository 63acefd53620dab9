using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Trainyard.Data.Csv;

/// <summary>
/// Finds the next delimiter, quote, CR or LF. Fields are short (a few bytes), so calling a vectorized search per
/// field pays its setup cost every time; instead this classifies 64 bytes at once into a bit mask and answers
/// following queries from the mask with a trailing-zero count (<see cref="BlockClasses"/> classifies the block).
/// </summary>
internal ref struct StructuralMask
{
    private const int Block = BlockClasses.Block;
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
            var classes = BlockClasses.Of(ref start, _delimiter, _quote);
            _bits = classes.Delimiters | classes.Quotes | classes.CarriageReturns | classes.LineFeeds;
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

}
