using Docker.DotNet;
using Docker.DotNet.Models;

namespace Trainyard.Docker;

internal sealed partial class DockerEngine
{
    public Task TagImageAsync(string image, string repository, string tag, CancellationToken ct) =>
        CallAsync($"docker tag {image} {repository}:{tag}", () =>
            _client.Images.TagImageAsync(image, new ImageTagParameters { RepositoryName = repository, Tag = tag }, ct));

    /// <summary>Null when the engine has no such image.</summary>
    public async Task<ImageDetails?> InspectImageAsync(string image, CancellationToken ct)
    {
        ImageInspectResponse json;
        try
        {
            json = await CallAsync($"docker image inspect {image}", () => _client.Images.InspectImageAsync(image, ct)).ConfigureAwait(false);
        }
        catch (DockerException e) when (e.InnerException is DockerImageNotFoundException)
        {
            return null;
        }
        var config = json.Config;
        return new ImageDetails(
            Id: json.ID,
            Size: json.Size,
            RepoTags: json.RepoTags?.ToArray() ?? [],
            RepoDigests: json.RepoDigests?.ToArray() ?? [],
            Labels: Map(config?.Labels),
            User: config?.User is { Length: > 0 } user ? user : null,
            Env: config?.Env?.ToArray() ?? [],
            HealthcheckTest: config?.Healthcheck?.Test?.ToArray())
        {
            Architecture = json.Architecture ?? "",
            Os = json.Os ?? "",
        };
    }

    public Task RemoveImageAsync(string image, bool force, CancellationToken ct) =>
        CallAsync($"docker rmi {image}", () => _client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = force }, ct));

    /// <summary>
    /// Imports a root filesystem tar as an image (POST /images/create?fromSrc=-), with Dockerfile-style
    /// <paramref name="changes"/> ("USER app", "ENV A=b", "CMD [\"/app\"]"); returns the image id.
    /// </summary>
    public async Task<string> ImportImageAsync(Func<Stream, CancellationToken, Task> writeRootFsTar, string repository, string tag,
        IReadOnlyList<string> changes, CancellationToken ct)
    {
        var operation = $"docker import {repository}:{tag}";
        string? id = null, error = null;
        var progress = new OnMessage(message =>
        {
            error ??= message.Error?.Message;
            // The last status of an import is the new image's id.
            if (message.Status is { } status && status.StartsWith("sha256:", StringComparison.Ordinal)) id = status;
        });
        var parameters = new ImagesCreateParameters { Repo = repository, Tag = tag, Changes = changes.ToList() };
        await StreamedBody.SendAsync(operation, writeRootFsTar, body => CallAsync(operation, () =>
            _client.Images.CreateImageAsync(parameters, body, null, progress, ct)), ct).ConfigureAwait(false);
        if (error is not null) throw new DockerException($"{operation}: {error.Trim()}");
        return id ?? throw new DockerException($"{operation}: the engine finished without naming the imported image.");
    }

    static IReadOnlyDictionary<string, string> Map(IDictionary<string, string>? labels) =>
        labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(labels);
}
