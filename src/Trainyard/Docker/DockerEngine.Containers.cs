namespace Trainyard.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>Returns the new container's id.</summary>
    public Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken ct) => throw new NotImplementedException();
    public Task StartContainerAsync(string id, CancellationToken ct) => throw new NotImplementedException();
    /// <summary>A container already stopped (304) is fine.</summary>
    public Task StopContainerAsync(string id, TimeSpan grace, CancellationToken ct) => throw new NotImplementedException();
    public Task KillContainerAsync(string id, string signal, CancellationToken ct) => throw new NotImplementedException();
    /// <summary>A container already gone (404) is fine.</summary>
    public Task RemoveContainerAsync(string id, bool force, CancellationToken ct) => throw new NotImplementedException();
    public Task<ContainerDetails> InspectContainerAsync(string id, CancellationToken ct) => throw new NotImplementedException();
    /// <summary>stdout and stderr, demultiplexed, as text.</summary>
    public Task<string> ContainerLogsAsync(string id, CancellationToken ct) => throw new NotImplementedException();
    /// <summary>Waits for the container to stop; returns its exit code.</summary>
    public Task<int> WaitContainerAsync(string id, CancellationToken ct) => throw new NotImplementedException();
    /// <summary>Containers carrying a label, "key" or "key=value".</summary>
    public Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(string label, bool all, CancellationToken ct) => throw new NotImplementedException();
}
