using Docker.DotNet.Models;

namespace Trainyard.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>
    /// Builds from a tar context that <paramref name="writeContext"/> writes while the request sends it (streamed,
    /// never buffered whole; it must not dispose the stream). Each build output line goes to <paramref name="output"/>
    /// as it arrives. Returns the image id ("sha256:…").
    /// </summary>
    public async Task<string> BuildImageAsync(ImageBuild build, Func<Stream, CancellationToken, Task> writeContext,
        Action<string> output, CancellationToken ct)
    {
        var parameters = new ImageBuildParameters
        {
            Tags = build.Tags.ToList(),
            Dockerfile = build.Dockerfile,
            Remove = true,
            ForceRemove = true,
            Pull = build.Pull ? "1" : null,
            Labels = build.Labels.Count > 0 ? build.Labels.ToDictionary() : null,
            BuildArgs = build.BuildArgs.Count > 0 ? build.BuildArgs.ToDictionary() : null,
            NetworkMode = build.NetworkMode,
        };
        var operation = build.Tags.Count > 0 ? $"docker build {build.Tags[0]}" : "docker build";
        var recent = new Queue<string>(); // the last lines, for the error message: the failing step's output
        string? id = null, error = null;
        var progress = new OnMessage(message =>
        {
            error ??= message.Error?.Message;
            foreach (var line in (message.Stream ?? "").Split('\n'))
            {
                var trimmed = line.TrimEnd('\r');
                if (trimmed.Length == 0) continue;
                output(trimmed);
                recent.Enqueue(trimmed);
                if (recent.Count > 10) recent.Dequeue();
            }
            id = Aux(message, "ID") ?? id;
        });
        await StreamedBody.SendAsync(operation, writeContext, body => CallAsync(operation, () =>
            _client.Images.BuildImageFromDockerfileAsync(parameters, body, null, null, progress, ct)), ct).ConfigureAwait(false);
        if (error is not null)
        {
            var context = recent.Count == 0 ? "" : $"{Environment.NewLine}Last build output:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", recent)}";
            throw new DockerException($"{operation}: {error.Trim()}{context}");
        }
        return id ?? throw new DockerException($"{operation}: the engine finished without naming the built image; the build output above says why.");
    }
}
