using System.Net;
using System.Text.Json.Nodes;

namespace Trainyard.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>Returns the new container's id.</summary>
    public async Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["Image"] = spec.Image,
            ["Env"] = Array(spec.Env),
            ["Labels"] = Map(spec.Labels),
            ["HostConfig"] = new JsonObject
            {
                ["NetworkMode"] = spec.NetworkMode,
                ["ReadonlyRootfs"] = spec.ReadOnlyRootFilesystem,
                ["Tmpfs"] = Map(spec.Tmpfs),
                ["Binds"] = Array(spec.Binds),
                ["AutoRemove"] = spec.AutoRemove,
            },
        };
        if (spec.Cmd is not null) body["Cmd"] = Array(spec.Cmd);
        if (spec.Entrypoint is not null) body["Entrypoint"] = Array(spec.Entrypoint);
        if (spec.User is not null) body["User"] = spec.User;
        var name = spec.Name is null ? "" : $"?name={Uri.EscapeDataString(spec.Name)}";
        var json = await _transport.GetJsonAsync(HttpMethod.Post, $"/containers/create{name}",
            new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            $"docker create {spec.Image}", ct).ConfigureAwait(false);
        return json?["Id"]?.GetValue<string>() ?? throw new DockerException($"docker create {spec.Image}: the engine answered without a container id.");
    }

    public Task StartContainerAsync(string id, CancellationToken ct) =>
        SendEmptyAsync(HttpMethod.Post, $"/containers/{id}/start", $"docker start {id}", ct, HttpStatusCode.NotModified);

    /// <summary>A container already stopped (304) is fine.</summary>
    public Task StopContainerAsync(string id, TimeSpan grace, CancellationToken ct) =>
        SendEmptyAsync(HttpMethod.Post, $"/containers/{id}/stop?t={(int)Math.Ceiling(grace.TotalSeconds)}", $"docker stop {id}", ct,
            HttpStatusCode.NotModified);

    public Task KillContainerAsync(string id, string signal, CancellationToken ct) =>
        SendEmptyAsync(HttpMethod.Post, $"/containers/{id}/kill?signal={Uri.EscapeDataString(signal)}", $"docker kill --signal {signal} {id}", ct);

    /// <summary>A container already gone (404) is fine.</summary>
    public Task RemoveContainerAsync(string id, bool force, CancellationToken ct) =>
        SendEmptyAsync(HttpMethod.Delete, $"/containers/{id}?force={(force ? 1 : 0)}&v=1", $"docker rm {id}", ct, HttpStatusCode.NotFound);

    public async Task<ContainerDetails> InspectContainerAsync(string id, CancellationToken ct)
    {
        var json = (await _transport.GetJsonAsync(HttpMethod.Get, $"/containers/{id}/json", null, $"docker inspect {id}", ct).ConfigureAwait(false))!;
        var state = json["State"];
        var status = new ContainerStatus(
            Status: state?["Status"]?.GetValue<string>() ?? "",
            Running: state?["Running"]?.GetValue<bool>() ?? false,
            ExitCode: state?["ExitCode"]?.GetValue<int>() ?? 0,
            Pid: state?["Pid"]?.GetValue<int>() ?? 0,
            Health: state?["Health"]?["Status"]?.GetValue<string>(),
            Error: state?["Error"]?.GetValue<string>() is { Length: > 0 } error ? error : null);
        return new ContainerDetails(json["Id"]!.GetValue<string>(), json["Name"]?.GetValue<string>()?.TrimStart('/') ?? "",
            json["Config"]?["Image"]?.GetValue<string>() ?? "", status, Labels(json["Config"]?["Labels"]));
    }

    /// <summary>stdout and stderr, demultiplexed, as text.</summary>
    public async Task<string> ContainerLogsAsync(string id, CancellationToken ct)
    {
        using var response = await _transport.SendAsync(HttpMethod.Get, $"/containers/{id}/logs?stdout=1&stderr=1", null,
            $"docker logs {id}", ct).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return await LogFrames.ReadTextAsync(body, ct).ConfigureAwait(false);
    }

    /// <summary>Waits for the container to stop; returns its exit code.</summary>
    public async Task<int> WaitContainerAsync(string id, CancellationToken ct)
    {
        var json = await _transport.GetJsonAsync(HttpMethod.Post, $"/containers/{id}/wait?condition=not-running", null,
            $"docker wait {id}", ct).ConfigureAwait(false);
        if (json?["Error"]?["Message"]?.GetValue<string>() is { Length: > 0 } error) throw new DockerException($"docker wait {id}: {error}");
        return json?["StatusCode"]?.GetValue<int>() ?? throw new DockerException($"docker wait {id}: the engine answered without an exit code.");
    }

    /// <summary>Containers carrying a label, "key" or "key=value".</summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(string label, bool all, CancellationToken ct)
    {
        var filters = new JsonObject { ["label"] = new JsonArray(label) }.ToJsonString();
        var json = await _transport.GetJsonAsync(HttpMethod.Get, $"/containers/json?all={(all ? 1 : 0)}&filters={Uri.EscapeDataString(filters)}",
            null, $"docker ps --filter label={label}", ct).ConfigureAwait(false);
        return json is JsonArray items
            ? items.Select(c => new ContainerSummary(c!["Id"]!.GetValue<string>(), Strings(c["Names"]).Select(n => n.TrimStart('/')).ToArray(),
                c["Image"]?.GetValue<string>() ?? "", c["State"]?.GetValue<string>() ?? "", Labels(c["Labels"]))).ToArray()
            : [];
    }

    async Task SendEmptyAsync(HttpMethod method, string path, string operation, CancellationToken ct, params HttpStatusCode[] accepted)
    {
        using var _ = await _transport.SendAsync(method, path, null, operation, ct, accepted).ConfigureAwait(false);
    }

    static JsonArray Array(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    static JsonObject Map(IReadOnlyDictionary<string, string> map) => new(map.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
}
