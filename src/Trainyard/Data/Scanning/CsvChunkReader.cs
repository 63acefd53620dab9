using System.Buffers;
using Microsoft.Win32.SafeHandles;
using Trainyard.Data.Csv;

namespace Trainyard.Data.Scanning;

/// <summary>
/// Reads a file as chunks of whole records. A newline ends a record only outside quotes; since doubled quotes come
/// in pairs, "outside quotes" is "after an even number of quotes since the chunk began" (every chunk begins at a
/// record boundary), which one vectorized pass counting quotes and newlines decides; its newline count also gives
/// the next chunk's starting line. Bytes after the last boundary carry over to the next chunk. Skips a UTF-8 BOM.
/// </summary>
internal sealed class CsvChunkReader : IDisposable
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private readonly SafeFileHandle _handle;
    private readonly byte _quote;
    private readonly int _chunkBytes;
    private readonly int _maxRecordBytes;
    private byte[] _pending;
    private int _pendingLength;
    private int _capacity; // bytes to read before looking for a boundary; the pooled array may be larger
    private long _fileOffset;
    private long _nextLine = 1;
    private int _nextIndex;
    private bool _endOfFile;
    private bool _bomChecked;

    public CsvChunkReader(string path, byte quote, int chunkBytes, int maxRecordBytes)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        _quote = quote;
        _chunkBytes = Math.Max(chunkBytes, 1);
        _maxRecordBytes = Math.Max(maxRecordBytes, _chunkBytes);
        _capacity = _chunkBytes;
        _pending = ArrayPool<byte>.Shared.Rent(_capacity);
        Length = RandomAccess.GetLength(_handle);
    }

    public long Length { get; }

    /// <summary>The next chunk, or null at the end of the file. The caller returns the chunk's buffer to the shared pool.</summary>
    /// <remarks>
    /// A blocking read, on the scan's reader thread. On Linux an asynchronous read of a regular file is that same
    /// blocking read on a thread-pool thread, so awaiting it bought a thread hop per chunk and, at the first chunk, the
    /// async machinery of every layer above it, which the JIT compiles before the scan can start.
    /// </remarks>
    public ScanChunk? Read(CancellationToken cancellationToken)
    {
        while (true)
        {
            Fill(cancellationToken);
            if (_pendingLength == 0) return null;
            int boundary, lines;
            if (_endOfFile) (boundary, lines) = (_pendingLength, _pending.AsSpan(0, _pendingLength).Count((byte)'\n'));
            else boundary = LastRecordBoundary(_pending.AsSpan(0, _pendingLength), _quote, out lines);
            if (boundary == 0)
            {
                if (_capacity < _maxRecordBytes) { Grow(); continue; }
                boundary = _pendingLength; // hand over as is: the tokenizer reports the quote that never closes
                lines = _pending.AsSpan(0, boundary).Count((byte)'\n');
            }
            return Emit(boundary, lines);
        }
    }

    /// <summary>Index just after the last newline that lies outside quotes, or 0 when there is none.</summary>
    internal static int LastRecordBoundary(ReadOnlySpan<byte> data, byte quote) => LastRecordBoundary(data, quote, out _);

    /// <summary>As above; <paramref name="linesBefore"/> counts the newlines before the boundary (the chunk's lines).</summary>
    internal static int LastRecordBoundary(ReadOnlySpan<byte> data, byte quote, out int linesBefore)
    {
        var (quotes, lines) = QuotesAndNewlines.Count(data, quote);
        var end = data.Length;
        while (true)
        {
            var newline = data[..end].LastIndexOf((byte)'\n');
            if (newline < 0) { linesBefore = 0; return 0; }
            quotes -= data[(newline + 1)..end].Count(quote);
            if ((quotes & 1) == 0) { linesBefore = lines; return newline + 1; }
            lines--;
            end = newline;
        }
    }

    private void Fill(CancellationToken cancellationToken)
    {
        while (!_endOfFile && _pendingLength < _capacity)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = RandomAccess.Read(_handle, _pending.AsSpan(_pendingLength, _capacity - _pendingLength), _fileOffset);
            if (read == 0) { _endOfFile = true; break; }
            _fileOffset += read;
            _pendingLength += read;
        }
        if (!_bomChecked && (_pendingLength >= Bom.Length || _endOfFile))
        {
            _bomChecked = true;
            if (_pending.AsSpan(0, _pendingLength).StartsWith(Bom))
            {
                _pending.AsSpan(Bom.Length, _pendingLength - Bom.Length).CopyTo(_pending);
                _pendingLength -= Bom.Length;
                Fill(cancellationToken);
            }
        }
    }

    private ScanChunk Emit(int boundary, int lines)
    {
        var chunk = new ScanChunk(_pending, 0, boundary, _nextLine, _nextIndex++);
        _nextLine += lines;
        var carried = _pendingLength - boundary;
        _capacity = (int)Math.Min((long)carried + _chunkBytes, Array.MaxLength);
        var next = ArrayPool<byte>.Shared.Rent(_capacity);
        _pending.AsSpan(boundary, carried).CopyTo(next);
        _pending = next;
        _pendingLength = carried;
        return chunk;
    }

    private void Grow()
    {
        _capacity = (int)Math.Min((long)_capacity * 2, Array.MaxLength);
        var larger = ArrayPool<byte>.Shared.Rent(_capacity);
        _pending.AsSpan(0, _pendingLength).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_pending);
        _pending = larger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_pending);
        _pending = [];
        _handle.Dispose();
    }
}
