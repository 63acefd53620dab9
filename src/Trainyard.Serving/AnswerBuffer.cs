using System.Buffers;

namespace Trainyard.Serving;

/// <summary>
/// An answer's bytes, built in full before any is sent so the response can carry its Content-Length and leave in
/// one write. The array comes from the shared pool and goes back on dispose: the request path allocates none.
/// </summary>
internal sealed class AnswerBuffer(int capacity) : IBufferWriter<byte>, IDisposable
{
    byte[] _array = ArrayPool<byte>.Shared.Rent(capacity);
    int _written;

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _written);

    public void Advance(int count) => _written += count;

    // Reserve first: it may replace the array, which `_array.AsMemory(Reserve(…))` would have read before.
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        var start = Reserve(sizeHint);
        return _array.AsMemory(start);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var start = Reserve(sizeHint);
        return _array.AsSpan(start);
    }

    /// <summary>Grows the array (doubling, through the pool) so that at least <paramref name="sizeHint"/> bytes are free; returns where they start.</summary>
    int Reserve(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed > _array.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
            _array.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }
        return _written;
    }

    /// <summary>Sends <paramref name="body"/> as the whole response with its Content-Length: one write, no chunked end after it.</summary>
    public static async Task SendAsync(HttpResponse response, string contentType, ReadOnlyMemory<byte> body, CancellationToken cancellation)
    {
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body, cancellation);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        _written = 0;
    }
}
