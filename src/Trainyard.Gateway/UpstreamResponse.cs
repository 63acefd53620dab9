using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Trainyard.Gateway;

/// <summary>
/// Reads a model server's HTTP/1.1 answer from an <see cref="UpstreamConnection"/> and copies it to the client: the
/// status, the end-to-end headers, the route's headers, and the body as it arrives — by Content-Length, chunked, or
/// up to the connection's close. Interim (1xx) answers are skipped.
/// </summary>
internal static class UpstreamResponse
{
    static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Content-Length",
    };

    /// <summary>The connection ended before the first byte of an answer: the request may go again on another.</summary>
    internal sealed class NothingReceivedException(Exception? inner) : Exception("the upstream closed the connection before answering", inner);

    /// <summary>Copies the answer; true when the connection can carry another request.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<bool> CopyAsync(UpstreamConnection connection, HttpContext context, string route, string version, CancellationToken cancellationToken)
    {
        var reader = new Reader(connection, cancellationToken);
        int status;
        do
        {
            if (reader.IsEmpty && !await reader.FillAsync(first: true)) throw new NothingReceivedException(null);
            status = await ReadHeadAsync(reader, connection, context.Response);
        }
        while (status is >= 100 and < 200);

        var response = context.Response;
        response.StatusCode = status;
        ForwardApi.Mark(response, route, version);
        var keepAlive = reader.KeepAlive;
        if (status is 204 or 304) return keepAlive;
        if (reader.Chunked) await CopyChunkedAsync(reader, response.Body, cancellationToken);
        else if (reader.ContentLength is { } length)
        {
            response.ContentLength = length;
            await reader.CopyAsync(response.Body, length);
        }
        else
        {
            await reader.CopyAsync(response.Body, long.MaxValue);
            keepAlive = false;
        }
        return keepAlive && reader.IsEmpty; // bytes beyond the answer: the connection is out of step
    }

    /// <summary>Reads the status line and the headers, copying the end-to-end ones; the status code.</summary>
    static async Task<int> ReadHeadAsync(Reader reader, UpstreamConnection connection, HttpResponse response)
    {
        var status = StatusOf(reader.Line(await reader.ReadLineAsync()), out var http10);
        var interim = status is >= 100 and < 200;
        reader.StartMessage(http10);
        response.Headers.Clear();
        for (var line = await reader.ReadLineAsync(); line.Length > 0; line = await reader.ReadLineAsync())
        {
            var (name, value) = connection.HeaderLines.Parse(reader.Line(line));
            if (interim) continue;
            reader.Note(name, value);
            if (!HopByHop.Contains(name)) response.Headers.Append(name, value);
        }
        return status;
    }

    static int StatusOf(ReadOnlySpan<byte> line, out bool http10)
    {
        http10 = line.Length > 7 && line[7] == (byte)'0';
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8)
            || !int.TryParse(line.Slice(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            throw new InvalidDataException($"not an HTTP/1.x status line: '{Encoding.Latin1.GetString(line)}'");
        return status;
    }

    static async Task CopyChunkedAsync(Reader reader, Stream destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            var sizeLine = reader.Line(await reader.ReadLineAsync());
            var end = sizeLine.IndexOf((byte)';');
            if (!long.TryParse(end < 0 ? sizeLine : sizeLine[..end], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                throw new InvalidDataException($"not a chunk size: '{Encoding.Latin1.GetString(sizeLine)}'");
            if (size == 0) break;
            await reader.CopyAsync(destination, size);
            if ((await reader.ReadLineAsync()).Length != 0) throw new InvalidDataException("a chunk longer than its size");
        }
        while ((await reader.ReadLineAsync()).Length > 0) { } // trailers: dropped, as the answer's headers are already sent
        await destination.FlushAsync(cancellationToken);
    }

    /// <summary>The connection's buffer as a stream of lines and bytes, and what the headers said about the body.</summary>
    sealed class Reader(UpstreamConnection connection, CancellationToken cancellationToken)
    {
        readonly byte[] _buffer = connection.Buffer;
        int _start, _end;
        bool _http10;

        public long? ContentLength { get; private set; }
        public bool Chunked { get; private set; }
        public bool KeepAlive { get; private set; }
        public bool IsEmpty => _start == _end;

        public void StartMessage(bool http10)
        {
            (_http10, ContentLength, Chunked, KeepAlive) = (http10, null, false, !http10);
        }

        public void Note(string name, string value)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                ContentLength = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : throw new InvalidDataException($"Content-Length '{value}'");
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                Chunked = value.EndsWith("chunked", StringComparison.OrdinalIgnoreCase);
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                KeepAlive = !value.Contains("close", StringComparison.OrdinalIgnoreCase) && (!_http10 || value.Contains("keep-alive", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Reads more into the buffer; false at the connection's end. First: before any byte of the answer.</summary>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<bool> FillAsync(bool first = false)
        {
            if (_start == _end) _start = _end = 0;
            else if (_end == _buffer.Length)
            {
                if (_start == 0) throw new InvalidDataException($"a header line longer than {_buffer.Length} bytes");
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                (_end, _start) = (_end - _start, 0);
            }
            int read;
            try { read = await connection.Socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken); }
            catch (SocketException error) when (first && _end == 0) { throw new NothingReceivedException(error); }
            _end += read;
            return read > 0;
        }

        /// <summary>The next line (without its CRLF) as a place in the buffer, valid until the next read: see <see cref="Line"/>.</summary>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<(int Start, int Length)> ReadLineAsync()
        {
            while (true)
            {
                var at = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
                if (at >= 0)
                {
                    var line = (_start, at);
                    _start += at + 2;
                    return line;
                }
                if (!await FillAsync()) throw new IOException("the upstream closed the connection in the middle of its answer's head");
            }
        }

        public ReadOnlySpan<byte> Line((int Start, int Length) line) => _buffer.AsSpan(line.Start, line.Length);

        /// <summary>Copies <paramref name="count"/> body bytes (long.MaxValue: up to the connection's end).</summary>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
        public async ValueTask CopyAsync(Stream destination, long count)
        {
            while (count > 0)
            {
                if (_start == _end && !await FillAsync())
                {
                    if (count == long.MaxValue) return;
                    throw new IOException("the upstream closed the connection in the middle of its answer's body");
                }
                var take = (int)Math.Min(count, _end - _start);
                await destination.WriteAsync(_buffer.AsMemory(_start, take), cancellationToken);
                (_start, count) = (_start + take, count == long.MaxValue ? count : count - take);
            }
        }
    }
}
