using System.Buffers.Text;
using System.Text;

namespace Trainyard.Benchmarks;

/// <summary>
/// Where one HTTP/1.1 response ends in the bytes read so far: just enough of the protocol for the open-loop client
/// (Content-Length, as uvicorn sends, or chunked, as Kestrel sends when the body was not sized up front).
/// </summary>
internal static class ResponseFraming
{
    /// <summary>The length of the complete response at the start of <paramref name="data"/>, or 0 if more must be read.</summary>
    public static int CompleteLength(ReadOnlySpan<byte> data, out int status)
    {
        status = 0;
        var headerEnd = data.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0) return 0;
        var head = data[..headerEnd];
        if (!head.StartsWith("HTTP/1.1 "u8) || head.Length < 12 || !Utf8Parser.TryParse(head[9..12], out status, out _))
            throw new InvalidDataException($"not an HTTP/1.1 status line: {Encoding.ASCII.GetString(head[..Math.Min(head.Length, 40)])}");
        long? contentLength = null;
        var chunked = false;
        for (var rest = head[(head.IndexOf("\r\n"u8) is var first and >= 0 ? first + 2 : head.Length)..]; !rest.IsEmpty;)
        {
            var lineEnd = rest.IndexOf("\r\n"u8) is var e and >= 0 ? e : rest.Length;
            var line = rest[..lineEnd];
            rest = rest[Math.Min(rest.Length, lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon < 0) continue;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8) && Utf8Parser.TryParse(value, out long length, out _)) contentLength = length;
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8)) chunked = Ascii.EqualsIgnoreCase(value, "chunked"u8);
        }
        var bodyStart = headerEnd + 4;
        if (chunked) return ChunkedEnd(data, bodyStart);
        if (contentLength is not { } bodyLength)
            throw new InvalidDataException("a response with neither Content-Length nor chunked encoding: a keep-alive client cannot tell where it ends");
        return data.Length >= bodyStart + bodyLength ? bodyStart + (int)bodyLength : 0;
    }

    static int ChunkedEnd(ReadOnlySpan<byte> data, int position)
    {
        while (true)
        {
            var lineEnd = data[position..].IndexOf("\r\n"u8);
            if (lineEnd < 0) return 0;
            var sizeText = data.Slice(position, lineEnd);
            if (sizeText.IndexOf((byte)';') is var extension and >= 0) sizeText = sizeText[..extension];
            if (!Utf8Parser.TryParse(sizeText, out int size, out _, 'X'))
                throw new InvalidDataException($"bad chunk size '{Encoding.ASCII.GetString(sizeText)}'");
            position += lineEnd + 2;
            // The last chunk (size 0) is followed by the empty line that ends the (here always empty) trailers.
            if (size == 0) return data.Length >= position + 2 ? position + 2 : 0;
            if (data.Length < position + size + 2) return 0;
            position += size + 2;
        }
    }
}
