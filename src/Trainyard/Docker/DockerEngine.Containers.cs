using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Trainyard.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>Returns the new container's id.</summary>
    public async Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken ct)
    {
        var parameters = new CreateContainerParameters
        {
            Name = spec.Name,
            Image = spec.Image,
            Env = spec.Env.ToList(),
            Labels = spec.Labels.ToDictionary(),
            Cmd = spec.Cmd?.ToList()!,
            Entrypoint = spec.Entrypoint?.ToList()!,
            User = spec.User ?? "",
            HostConfig = new HostConfig
            {
                NetworkMode = spec.NetworkMode,
                ReadonlyRootfs = spec.ReadOnlyRootFilesystem,
                Tmpfs = spec.Tmpfs.ToDictionary(),
                Binds = spec.Binds.ToList(),
                AutoRemove = spec.AutoRemove,
                Memory = spec.MemoryBytes ?? 0,
                NanoCPUs = spec.Cpus is { } cpus ? (long)Math.Round(cpus * 1e9) : 0,
                RestartPolicy = spec.RestartPolicy is { } policy ? new RestartPolicy { Name = Enum.Parse<RestartPolicyKind>(policy.Replace("-", ""), ignoreCase: true) } : null!,
            },
        };
        var created = await CallAsync($"docker create {spec.Image}", () => _client.Containers.CreateContainerAsync(parameters, ct)).ConfigureAwait(false);
        return created.ID is { Length: > 0 } id ? id : throw new DockerException($"docker create {spec.Image}: the engine answered without a container id.");
    }

    /// <summary>A container already running (304) is fine.</summary>
    public Task StartContainerAsync(string id, CancellationToken ct) =>
        CallAsync($"docker start {id}", () => _client.Containers.StartContainerAsync(id, null, ct));

    /// <summary>A container already stopped (304) is fine.</summary>
    public Task StopContainerAsync(string id, TimeSpan grace, CancellationToken ct) =>
        CallAsync($"docker stop {id}", () => _client.Containers.StopContainerAsync(id,
            new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(grace.TotalSeconds) }, ct));

    public Task KillContainerAsync(string id, string signal, CancellationToken ct) =>
        CallAsync($"docker kill --signal {signal} {id}", () => _client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = signal }, ct));

    /// <summary>A container already gone (404) is fine.</summary>
    public async Task RemoveContainerAsync(string id, bool force, CancellationToken ct)
    {
        try
        {
            await CallAsync($"docker rm {id}", () => _client.Containers.RemoveContainerAsync(id,
                new ContainerRemoveParameters { Force = force, RemoveVolumes = true }, ct)).ConfigureAwait(false);
        }
        catch (DockerException e) when (e.InnerException is DockerContainerNotFoundException) { }
    }

    public async Task<ContainerDetails> InspectContainerAsync(string id, CancellationToken ct)
    {
        var json = await CallAsync($"docker inspect {id}", () => _client.Containers.InspectContainerAsync(id, ct)).ConfigureAwait(false);
        var state = json.State;
        var status = new ContainerStatus(
            Status: state?.Status ?? "",
            Running: state?.Running ?? false,
            ExitCode: (int)(state?.ExitCode ?? 0),
            Pid: (int)(state?.Pid ?? 0),
            Health: state?.Health?.Status,
            Error: state?.Error is { Length: > 0 } error ? error : null)
        {
            // The engine writes 0001-01-01 for a container that never stopped.
            FinishedAt = DateTimeOffset.TryParse(state?.FinishedAt, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var finished) && finished.Year > 1 ? finished : null,
        };
        return new ContainerDetails(json.ID, json.Name?.TrimStart('/') ?? "", json.Config?.Image ?? "", status, Map(json.Config?.Labels));
    }

    /// <summary>stdout and stderr, demultiplexed and joined in the order they were written, as text.</summary>
    public Task<string> ContainerLogsAsync(string id, CancellationToken ct) => CallAsync($"docker logs {id}", async () =>
    {
        using var logs = await _client.Containers.GetContainerLogsAsync(id,
            new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, ct).ConfigureAwait(false);
        var text = new StringBuilder();
        var decoder = Encoding.UTF8.GetDecoder(); // a UTF-8 character may be split across frames
        var buffer = new byte[16 * 1024];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        while (await logs.ReadOutputAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false) is { EOF: false } read)
            text.Append(chars, 0, decoder.GetChars(buffer, 0, read.Count, chars, 0));
        return text.ToString();
    });

    /// <summary>Waits for the container to stop; returns its exit code.</summary>
    public async Task<int> WaitContainerAsync(string id, CancellationToken ct)
    {
        var answer = await CallAsync($"docker wait {id}", () => _client.Containers.WaitContainerAsync(id, ct)).ConfigureAwait(false);
        if (answer.Error?.Message is { Length: > 0 } error) throw new DockerException($"docker wait {id}: {error}");
        return (int)answer.StatusCode;
    }

    /// <summary>Containers carrying a label, "key" or "key=value".</summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(string label, bool all, CancellationToken ct)
    {
        var parameters = new ContainersListParameters
        {
            All = all,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [label] = true } },
        };
        var items = await CallAsync($"docker ps --filter label={label}", () => _client.Containers.ListContainersAsync(parameters, ct)).ConfigureAwait(false);
        return items.Select(c => new ContainerSummary(c.ID, (c.Names ?? []).Select(n => n.TrimStart('/')).ToArray(),
            c.Image ?? "", c.State ?? "", Map(c.Labels))).ToArray();
    }

    /// <summary>A path's stat in a container's filesystem (HEAD /containers/{id}/archive); null when absent. Mode is Go's os.FileMode.</summary>
    public async Task<ContainerPathStat?> StatPathAsync(string id, string path, CancellationToken ct)
    {
        try
        {
            var archive = await CallAsync($"docker container stat {id}:{path}", () => _client.Containers.GetArchiveFromContainerAsync(id,
                new ContainerPathStatParameters { Path = path }, statOnly: true, ct)).ConfigureAwait(false);
            var stat = archive.Stat;
            return new ContainerPathStat(stat.Name, stat.Size, stat.Mode, stat.LinkTarget is { Length: > 0 } link ? link : null);
        }
        catch (DockerException e) when (e.InnerException is DockerContainerNotFoundException)
        {
            return null; // the engine answers 404 for a missing path as for a missing container
        }
    }

    /// <summary>
    /// A path of a container's filesystem (a file or a folder, mounts included) as the tar stream the engine sends
    /// (GET /containers/{id}/archive, what <c>docker cp</c> reads); null when the path is absent. The caller disposes it.
    /// </summary>
    public async Task<Stream?> ReadArchiveAsync(string id, string path, CancellationToken ct)
    {
        try
        {
            var archive = await CallAsync($"docker cp {id}:{path}", () => _client.Containers.GetArchiveFromContainerAsync(id,
                new ContainerPathStatParameters { Path = path }, statOnly: false, ct)).ConfigureAwait(false);
            return archive.Stream;
        }
        catch (DockerException e) when (e.InnerException is DockerContainerNotFoundException)
        {
            return null;
        }
    }
}
