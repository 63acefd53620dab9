using System.Net;
using System.Text.Json.Nodes;
using System.Web;

namespace Trainyard.Docker;

internal sealed partial class DockerEngine
{
    public async Task TagImageAsync(string image, string repository, string tag, CancellationToken ct)
    {
        using var _ = await _transport.SendAsync(HttpMethod.Post,
            $"/images/{image}/tag?repo={Uri.EscapeDataString(repository)}&tag={Uri.EscapeDataString(tag)}", null,
            $"docker tag {image} {repository}:{tag}", ct).ConfigureAwait(false);
    }

    /// <summary>Null when the engine has no such image.</summary>
    public async Task<ImageDetails?> InspectImageAsync(string image, CancellationToken ct)
    {
        using var response = await _transport.SendAsync(HttpMethod.Get, $"/images/{image}/json", null,
            $"docker image inspect {image}", ct, HttpStatusCode.NotFound).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false))!;
        var config = json["Config"];
        return new ImageDetails(
            Id: json["Id"]!.GetValue<string>(),
            Size: json["Size"]?.GetValue<long>() ?? 0,
            RepoTags: Strings(json["RepoTags"]),
            RepoDigests: Strings(json["RepoDigests"]),
            Labels: Labels(config?["Labels"]),
            User: config?["User"]?.GetValue<string>() is { Length: > 0 } user ? user : null,
            Env: Strings(config?["Env"]),
            HealthcheckTest: config?["Healthcheck"]?["Test"] is JsonArray test ? Strings(test) : null)
        {
            Architecture = json["Architecture"]?.GetValue<string>() ?? "",
            Os = json["Os"]?.GetValue<string>() ?? "",
        };
    }

    public async Task RemoveImageAsync(string image, bool force, CancellationToken ct)
    {
        using var _ = await _transport.SendAsync(HttpMethod.Delete, $"/images/{image}?force={(force ? 1 : 0)}", null,
            $"docker rmi {image}", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Imports a root filesystem tar as an image (POST /images/create?fromSrc=-), with Dockerfile-style
    /// <paramref name="changes"/> ("USER app", "ENV A=b", "CMD [\"/app\"]"); returns the image id.
    /// </summary>
    public async Task<string> ImportImageAsync(Func<Stream, CancellationToken, Task> writeRootFsTar, string repository, string tag,
        IReadOnlyList<string> changes, CancellationToken ct)
    {
        var query = HttpUtility.ParseQueryString("");
        query["fromSrc"] = "-";
        query["repo"] = repository;
        query["tag"] = tag;
        foreach (var change in changes) query.Add("changes", change);
        var operation = $"docker import {repository}:{tag}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_transport.VersionPrefix}/images/create?{query}")
        {
            Content = new StreamedTarContent(writeRootFsTar),
        };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _transport.SendAsync(request, operation, ct).ConfigureAwait(false);
        string? id = null;
        await foreach (var message in JsonLines.ReadAsync(response, operation, ct).ConfigureAwait(false))
        {
            if (JsonLines.Error(message) is { } error) throw new DockerException($"{operation}: {error.Trim()}");
            // The last status of an import is the new image's id.
            if (message["status"]?.GetValue<string>() is { } status && status.StartsWith("sha256:", StringComparison.Ordinal)) id = status;
        }
        return id ?? throw new DockerException($"{operation}: the engine finished without naming the imported image.");
    }

    static IReadOnlyList<string> Strings(JsonNode? array) =>
        array is JsonArray items ? items.Select(i => i?.GetValue<string>() ?? "").ToArray() : [];

    static IReadOnlyDictionary<string, string> Labels(JsonNode? labels) =>
        labels is JsonObject map ? map.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "") : new Dictionary<string, string>();
}
