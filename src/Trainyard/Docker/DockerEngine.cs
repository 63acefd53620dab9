using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Trainyard.Docker;

/// <summary>
/// A connection to one Docker engine over the Engine API (Unix socket or tcp), with the API version negotiated on
/// connect. Operations are in DockerEngine.*.cs by concern: images, build, push, containers.
/// </summary>
internal sealed partial class DockerEngine : IDisposable
{
    /// <summary>The newest API version this client speaks; older engines are spoken to in their own version.</summary>
    public static readonly Version MaxApiVersion = new(1, 47);
    /// <summary>Docker 20.10's API: the oldest with everything used here (build labels, wait conditions, import changes).</summary>
    public static readonly Version MinApiVersion = new(1, 41);

    readonly DockerTransport _transport;

    DockerEngine(DockerHost host, DockerTransport transport, string apiVersion, string engineVersion)
    {
        Host = host;
        _transport = transport;
        ApiVersion = apiVersion;
        EngineVersion = engineVersion;
        transport.VersionPrefix = "/v" + apiVersion;
    }

    public DockerHost Host { get; }
    /// <summary>The negotiated API version, e.g. "1.47".</summary>
    public string ApiVersion { get; }
    /// <summary>The engine's own version, e.g. "26.1.5".</summary>
    public string EngineVersion { get; }

    /// <summary>Pings the engine and negotiates the API version; an unreachable engine is a DockerException saying what was tried.</summary>
    public static async Task<DockerEngine> ConnectAsync(DockerHost host, CancellationToken ct)
    {
        var transport = DockerTransport.For(host);
        try
        {
            string? offered;
            try
            {
                using var ping = await transport.SendAsync(HttpMethod.Get, "/_ping", null, "docker ping", ct).ConfigureAwait(false);
                offered = ping.Headers.TryGetValues("Api-Version", out var values) ? values.FirstOrDefault() : null;
            }
            catch (DockerException e) when (e.InnerException is HttpRequestException unreachable)
            {
                throw new DockerException(
                    $"Docker engine not reachable at {host.Address} ({Reason(unreachable)}). Start dockerd, or point --docker-host / DOCKER_HOST at a running engine.", e);
            }
            if (offered is null || !Version.TryParse(offered, out var engineApi))
                throw new DockerException($"docker ping: {host.Address} answered without an Api-Version header; is it a Docker engine?");
            if (engineApi < MinApiVersion)
                throw new DockerException(
                    $"Docker engine at {host.Address} speaks API {offered}, older than {MinApiVersion} (Docker 20.10) which Trainyard needs. Upgrade Docker.");
            var api = engineApi < MaxApiVersion ? engineApi : MaxApiVersion;
            transport.VersionPrefix = $"/v{api.Major}.{api.Minor}";
            var version = await transport.GetJsonAsync(HttpMethod.Get, "/version", null, "docker version", ct).ConfigureAwait(false);
            var engine = new DockerEngine(host, transport, $"{api.Major}.{api.Minor}", version?["Version"]?.GetValue<string>() ?? "unknown");
            transport = null!; // owned by the engine now
            return engine;
        }
        finally
        {
            transport?.Dispose();
        }
    }

    // "connect: No such file or directory", "connect: Connection refused": what the socket said, not the HTTP wrapper.
    static string Reason(HttpRequestException e) =>
        e.InnerException is SocketException s ? $"connect: {s.Message}" : e.InnerException?.Message ?? e.Message;

    static MediaTypeHeaderValue Tar { get; } = new("application/x-tar");

    public void Dispose() => _transport.Dispose();
}
