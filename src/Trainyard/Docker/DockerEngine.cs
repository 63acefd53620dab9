using System.Net.Sockets;
using Docker.DotNet;
using VersionResponse = Docker.DotNet.Models.VersionResponse;
using Docker.DotNet.NativeHttp;

namespace Trainyard.Docker;

/// <summary>
/// The few engine operations Containerize, SmokeTest and ServingContainer use, on Docker.DotNet's
/// <see cref="DockerClient"/>, with the API version negotiated on connect and every failure a
/// <see cref="DockerException"/> in the engine's words. Operations are in DockerEngine.*.cs by concern.
/// </summary>
internal sealed partial class DockerEngine : IDisposable
{
    /// <summary>The newest API version this client speaks; older engines are spoken to in their own version.</summary>
    public static readonly Version MaxApiVersion = new(1, 47);
    /// <summary>Docker 20.10's API: the oldest with everything used here (build labels, wait conditions, import changes).</summary>
    public static readonly Version MinApiVersion = new(1, 41);

    readonly DockerClient _client;

    DockerEngine(DockerHost host, DockerClient client, Version apiVersion, string engineVersion)
    {
        Host = host;
        _client = client;
        ApiVersion = $"{apiVersion.Major}.{apiVersion.Minor}";
        EngineVersion = engineVersion;
    }

    public DockerHost Host { get; }
    /// <summary>The negotiated API version, e.g. "1.47".</summary>
    public string ApiVersion { get; }
    /// <summary>The engine's own version, e.g. "26.1.5".</summary>
    public string EngineVersion { get; }

    /// <summary>
    /// Asks the engine its version and API (unversioned /version) and connects in the lower of its API and ours:
    /// Docker.DotNet takes a fixed API version and neither negotiates nor refuses an old engine, so that stays here.
    /// An unreachable engine is a DockerException saying what was tried.
    /// </summary>
    public static async Task<DockerEngine> ConnectAsync(DockerHost host, CancellationToken ct)
    {
        var endpoint = Endpoint(host);
        VersionResponse version;
        using (var probe = Client(endpoint, null))
        {
            try
            {
                version = await probe.System.GetVersionAsync(ct).ConfigureAwait(false);
            }
            catch (HttpRequestException unreachable)
            {
                throw new DockerException(
                    $"Docker engine not reachable at {host.Address} ({Reason(unreachable, endpoint)}). Start dockerd, or point --docker-host / DOCKER_HOST at a running engine.", unreachable);
            }
            catch (Exception e) when (e is DockerApiException or System.Text.Json.JsonException)
            {
                throw new DockerException($"docker version: {host.Address} did not answer as a Docker engine ({e.Message}).", e);
            }
        }
        if (!Version.TryParse(version.APIVersion, out var engineApi))
            throw new DockerException($"docker version: {host.Address} answered without an API version; is it a Docker engine?");
        if (engineApi < MinApiVersion)
            throw new DockerException(
                $"Docker engine at {host.Address} speaks API {version.APIVersion}, older than {MinApiVersion} (Docker 20.10) which Trainyard needs. Upgrade Docker.");
        var api = engineApi < MaxApiVersion ? engineApi : MaxApiVersion;
        return new DockerEngine(host, Client(endpoint, api), api, string.IsNullOrEmpty(version.Version) ? "unknown" : version.Version);
    }

    // The native transport (SocketsHttpHandler) for both unix and tcp: it streams a request body of unknown length
    // chunked and reads the answer while the body is still going out. No client timeout: builds and pushes run for
    // minutes, and the caller's CancellationToken bounds them.
    static DockerClient Client(Uri endpoint, Version? api) => new DockerClientBuilder()
        .WithEndpoint(endpoint)
        .WithApiVersion(api)
        .WithTimeout(Timeout.InfiniteTimeSpan)
        .WithTransportOptions(new NativeHttpTransportOptions())
        .Build();

    static Uri Endpoint(DockerHost host)
    {
        if (host.Address.StartsWith("unix://", StringComparison.Ordinal) && host.Address.Length > "unix://".Length
            && Uri.TryCreate(host.Address, UriKind.Absolute, out var unix))
            return unix;
        if (host.Address.StartsWith("tcp://", StringComparison.Ordinal)
            && System.Text.RegularExpressions.Regex.IsMatch(host.Address, @"^tcp://[^/]+:\d+/?$")
            && Uri.TryCreate(host.Address, UriKind.Absolute, out var tcp))
            return tcp;
        throw new DockerException($"Docker host '{host.Address}' is not understood: use unix:///path/to/docker.sock or tcp://host:port.");
    }

    // "connect: No such file or directory", "connect: Connection refused": what the socket said, not the HTTP wrapper.
    // .NET reports a missing socket file as "Cannot assign requested address", so that case is named by looking.
    static string Reason(HttpRequestException e, Uri endpoint)
    {
        if (endpoint.Scheme == "unix" && !File.Exists(endpoint.LocalPath)) return "connect: No such file or directory";
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is SocketException socket) return $"connect: {socket.Message}";
        return e.InnerException?.Message ?? e.Message;
    }

    public void Dispose() => _client.Dispose();
}
