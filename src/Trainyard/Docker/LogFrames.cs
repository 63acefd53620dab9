using System.Buffers.Binary;
using System.Text;

namespace Trainyard.Docker;

/// <summary>
/// Container logs of a container without a TTY come multiplexed: frames of an 8-byte header (stream type, three
/// zero bytes, big-endian payload length) then the payload. This joins stdout and stderr back into text, in order.
/// </summary>
internal static class LogFrames
{
    public static async Task<string> ReadTextAsync(Stream body, CancellationToken ct)
    {
        var text = new StringBuilder();
        var decoder = Encoding.UTF8.GetDecoder(); // a UTF-8 character may be split across frames
        var header = new byte[8];
        var payload = new byte[16 * 1024];
        while (await FillAsync(body, header, ct).ConfigureAwait(false))
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            if (header[0] > 2 || header[1] != 0 || header[2] != 0 || header[3] != 0)
                throw new DockerException("docker logs: the engine's log stream is not in the multiplexed format (was the container started with a TTY?).");
            if (payload.Length < length) payload = new byte[length];
            if (!await FillAsync(body, payload.AsMemory(0, length), ct).ConfigureAwait(false))
                throw new DockerException("docker logs: the log stream ended inside a frame.");
            var chars = new char[decoder.GetCharCount(payload, 0, length)];
            decoder.GetChars(payload, 0, length, chars, 0);
            text.Append(chars);
        }
        return text.ToString();
    }

    /// <summary>Reads exactly the buffer's length; false when the stream ends before the first byte.</summary>
    static async Task<bool> FillAsync(Stream stream, Memory<byte> buffer, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[read..], ct).ConfigureAwait(false);
            if (n == 0) return read == 0 && buffer.Length > 0 ? false : read == buffer.Length;
            read += n;
        }
        return true;
    }
}
