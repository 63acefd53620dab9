namespace Trainyard.Docker;

/// <summary>
/// A connection to one Docker engine over the Engine API (Unix socket or tcp), with the API version negotiated on
/// connect. Operations are in DockerEngine.*.cs by concern: images, build, push, containers.
/// </summary>
internal sealed partial class DockerEngine : IDisposable
{
    /// <summary>Pings the engine and negotiates the API version; an unreachable engine is a DockerException saying what was tried.</summary>
    public static Task<DockerEngine> ConnectAsync(DockerHost host, CancellationToken ct) => throw new NotImplementedException();

    public DockerHost Host { get; } = null!;
    /// <summary>The negotiated API version, e.g. "1.47".</summary>
    public string ApiVersion { get; } = null!;
    /// <summary>The engine's own version, e.g. "26.1.5".</summary>
    public string EngineVersion { get; } = null!;

    public void Dispose() { }
}
