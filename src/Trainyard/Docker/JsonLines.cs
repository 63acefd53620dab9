using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Trainyard.Docker;

/// <summary>
/// The engine's progress streams (build, push, import): one JSON object per line, read as they arrive. An
/// <c>error</c> message in the stream ends it with a DockerException carrying the engine's message.
/// </summary>
internal static class JsonLines
{
    public static async IAsyncEnumerable<JsonObject> ReadAsync(HttpResponseMessage response, string operation,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var reader = new StreamReader(body, Encoding.UTF8);
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonObject? message;
            try
            {
                message = JsonNode.Parse(line) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                throw new DockerException($"{operation}: the engine sent a progress line that is not JSON: {Shorten(line)}");
            }
            if (message is not null) yield return message;
        }
    }

    /// <summary>The engine's error in a progress message, or null: "errorDetail.message" preferred over "error".</summary>
    public static string? Error(JsonObject message) =>
        message["errorDetail"]?["message"]?.GetValue<string>() ?? message["error"]?.GetValue<string>();

    static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

/// <summary>
/// A request body written by the caller straight into the connection (chunked): a build context or root
/// filesystem of any size never sits in memory whole.
/// </summary>
internal sealed class StreamedTarContent : HttpContent
{
    readonly Func<Stream, CancellationToken, Task> _write;

    public StreamedTarContent(Func<Stream, CancellationToken, Task> write)
    {
        _write = write;
        Headers.ContentType = new("application/x-tar");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken ct) =>
        _write(stream, ct); // the writer must not dispose it: the connection ends the chunked body

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
