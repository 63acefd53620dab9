using System.Text.Json;
using System.Web;

namespace Trainyard.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>
    /// Builds from a tar context that <paramref name="writeContext"/> writes straight into the request body (streamed,
    /// never buffered whole; it must not dispose the stream). Each build output line goes to <paramref name="output"/>
    /// as it arrives. Returns the image id ("sha256:…").
    /// </summary>
    public async Task<string> BuildImageAsync(ImageBuild build, Func<Stream, CancellationToken, Task> writeContext,
        Action<string> output, CancellationToken ct)
    {
        var query = HttpUtility.ParseQueryString("");
        foreach (var tag in build.Tags) query.Add("t", tag);
        query["dockerfile"] = build.Dockerfile;
        query["rm"] = "1";
        query["forcerm"] = "1";
        query["pull"] = build.Pull ? "1" : "0";
        if (build.Labels.Count > 0) query["labels"] = JsonSerializer.Serialize(build.Labels);
        if (build.BuildArgs.Count > 0) query["buildargs"] = JsonSerializer.Serialize(build.BuildArgs);
        if (build.NetworkMode is not null) query["networkmode"] = build.NetworkMode;
        var operation = build.Tags.Count > 0 ? $"docker build {build.Tags[0]}" : "docker build";

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_transport.VersionPrefix}/build?{query}")
        {
            Content = new StreamedTarContent(writeContext),
        };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _transport.SendAsync(request, operation, ct).ConfigureAwait(false);

        var recent = new Queue<string>(); // the last lines, for the error message: the failing step's output
        string? id = null;
        await foreach (var message in JsonLines.ReadAsync(response, operation, ct).ConfigureAwait(false))
        {
            if (JsonLines.Error(message) is { } error)
            {
                var context = recent.Count == 0 ? "" : $"{Environment.NewLine}Last build output:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", recent)}";
                throw new DockerException($"{operation}: {error.Trim()}{context}");
            }
            if (message["stream"]?.GetValue<string>() is { } text)
            {
                foreach (var line in text.Split('\n'))
                {
                    var trimmed = line.TrimEnd('\r');
                    if (trimmed.Length == 0) continue;
                    output(trimmed);
                    recent.Enqueue(trimmed);
                    if (recent.Count > 10) recent.Dequeue();
                }
            }
            if (message["aux"]?["ID"]?.GetValue<string>() is { } auxId) id = auxId;
        }
        return id ?? throw new DockerException($"{operation}: the engine finished without naming the built image; the build output above says why.");
    }
}
