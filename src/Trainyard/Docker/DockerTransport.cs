using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Trainyard.Docker;

/// <summary>
/// HTTP to the engine: a Unix socket (every request dials the socket path) or tcp. Turns error answers into
/// <see cref="DockerException"/> carrying the engine's <c>{"message": …}</c>, prefixed with the operation.
/// </summary>
internal sealed class DockerTransport : IDisposable
{
    readonly HttpClient _http;
    readonly DockerHost _host;

    DockerTransport(HttpClient http, DockerHost host)
    {
        _http = http;
        _host = host;
    }

    /// <summary>Path prefix, "/v1.41", once the version is negotiated; empty for the unversioned ping.</summary>
    public string VersionPrefix { get; set; } = "";

    public static DockerTransport For(DockerHost host)
    {
        var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) };
        Uri baseAddress;
        if (host.Address.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = host.Address["unix://".Length..];
            if (path.Length == 0) throw NotUnderstood(host);
            handler.ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (SocketException e) when (!File.Exists(path))
                {
                    // .NET reports a missing socket file as "Cannot assign requested address"; say what happened.
                    socket.Dispose();
                    throw new IOException("connect: No such file or directory", e);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
            baseAddress = new Uri("http://docker.sock");
        }
        else if (host.Address.StartsWith("tcp://", StringComparison.Ordinal)
                 && System.Text.RegularExpressions.Regex.IsMatch(host.Address, @"^tcp://[^/]+:\d+/?$")
                 && Uri.TryCreate("http://" + host.Address["tcp://".Length..], UriKind.Absolute, out var tcp))
        {
            baseAddress = new UriBuilder("http", tcp.Host, tcp.Port).Uri;
        }
        else
        {
            throw NotUnderstood(host);
        }
        // Builds and pushes run for minutes: the caller's CancellationToken bounds them, not a client timeout.
        return new DockerTransport(new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan }, host);
    }

    static DockerException NotUnderstood(DockerHost host) => new(
        $"Docker host '{host.Address}' is not understood: use unix:///path/to/docker.sock or tcp://host:port.");

    /// <summary>
    /// Sends a request and returns the answer when its status is a success or one of <paramref name="accepted"/>;
    /// otherwise throws with the engine's message. The body is read lazily (headers only awaited).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content,
        string operation, CancellationToken ct, params HttpStatusCode[] accepted)
    {
        using var request = new HttpRequestMessage(method, VersionPrefix + pathAndQuery) { Content = content };
        return await SendAsync(request, operation, ct, accepted).ConfigureAwait(false);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string operation, CancellationToken ct,
        params HttpStatusCode[] accepted)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (Caller(e) is { } callers)
        {
            // The caller's body writer failed (e.g. a context file missing): its error, not HttpClient's wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(callers);
            throw;
        }
        catch (HttpRequestException e)
        {
            throw new DockerException($"{operation}: lost the connection to the Docker engine at {_host.Address} ({e.InnerException?.Message ?? e.Message}).", e);
        }
        if (response.IsSuccessStatusCode || accepted.Contains(response.StatusCode)) return response;
        using (response)
        {
            var message = ReadMessage(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
            throw new DockerException($"{operation}: {(string.IsNullOrWhiteSpace(message) ? response.ReasonPhrase : message)}")
            {
                StatusCode = (int)response.StatusCode,
            };
        }
    }

    /// <summary>Sends and parses a JSON answer.</summary>
    public async Task<JsonNode?> GetJsonAsync(HttpMethod method, string pathAndQuery, HttpContent? content, string operation,
        CancellationToken ct)
    {
        using var response = await SendAsync(method, pathAndQuery, content, operation, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return body.Length == 0 ? null : JsonNode.Parse(body);
    }

    static TrainyardException? Caller(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is TrainyardException expected) return expected;
        return null;
    }

    static string? ReadMessage(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["message"]?.GetValue<string>()?.Trim();
        }
        catch (System.Text.Json.JsonException)
        {
            return body.Trim(); // an engine or proxy answering plain text
        }
    }

    public void Dispose() => _http.Dispose();
}
