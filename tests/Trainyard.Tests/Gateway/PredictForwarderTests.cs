using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Trainyard.Tests.Registry.Distribution;

namespace Trainyard.Tests.Gateway;

/// <summary>
/// The predictions' own forwarding path (PredictForwarder): answers framed every way HTTP/1.1 allows arrive whole, a
/// kept connection the server closed is replaced without the client seeing it, an unreachable server is a counted
/// 502, and with TRAINYARD_GATEWAY_FORWARDER=yarp (everything by YARP) predictions arrive as well. The server here is a raw socket
/// server, so the answers' bytes are exactly the test's.
/// </summary>
public sealed class PredictForwarderTests
{
    static StringContent Row => new("""{"Age": 41}""", Encoding.UTF8, "application/json");

    static object State(string url) => new { stable = new { url, version = "v1" }, canary_weight = 0 };

    [Fact]
    public async Task ChunkedAndCloseDelimitedAnswersArriveWhole()
    {
        await using var upstream = RawUpstream.Start(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nX-Model: v1\r\n\r\n5\r\n{\"a\":\r\n3;ext=1\r\n1}\n\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"b\":2}\n");
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(State(upstream.Url));

        using var chunked = await gateway.Http.PostAsync("/v1/predict", Row);
        Assert.Equal(HttpStatusCode.OK, chunked.StatusCode);
        Assert.Equal("{\"a\":1}\n", await chunked.Content.ReadAsStringAsync());
        Assert.Equal("v1", chunked.Headers.GetValues("X-Model").Single());
        Assert.Equal("stable", chunked.Headers.GetValues("X-Trainyard-Route").Single());
        using var untilClose = await gateway.Http.PostAsync("/v1/predict", Row);
        Assert.Equal("{\"b\":2}\n", await untilClose.Content.ReadAsStringAsync());

        // One write per request: line, headers (Host the upstream's, the client's forwarded) and body together.
        var first = upstream.Requests.First();
        Assert.StartsWith("POST /v1/predict HTTP/1.1\r\nHost: " + new Uri(upstream.Url).Authority + "\r\n", first);
        Assert.Contains("\r\nX-Forwarded-For: 127.0.0.1\r\n", first);
        Assert.EndsWith("Content-Length: 11\r\n\r\n{\"Age\": 41}", first);
        Assert.DoesNotContain("Transfer-Encoding", first);
    }

    [Fact]
    public async Task AKeptConnectionTheServerClosedIsReplacedUnseen()
    {
        // The server closes every connection after its answer without saying so, as a server whose keep-alive timeout passed.
        await using var upstream = RawUpstream.Start(closeAfterEach: true, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"c\":3}");
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(State(upstream.Url));

        for (var i = 0; i < 5; i++)
        {
            using var response = await gateway.Http.PostAsync("/v1/predict", Row);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("{\"c\":3}", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(5, upstream.Requests.Count);
        Assert.Equal(5, upstream.Connections);
    }

    [Fact]
    public async Task KeptConnectionsAllClosedAtOnceAreReplacedUnseen()
    {
        // Several kept connections, all closed by the server right after their answers (as a restarting server does),
        // and the next requests come at once: none is looked at before its first use, so the second attempt must be.
        await using var upstream = RawUpstream.Start(closeAfterEach: true, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"e\":5}");
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(State(upstream.Url));

        var together = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => gateway.Http.PostAsync("/v1/predict", Row)));
        await Task.Delay(100); // the server's closes arrive
        var after = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) after.Add(await gateway.Http.PostAsync("/v1/predict", Row));

        foreach (var response in together.Concat(after))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("{\"e\":5}", await response.Content.ReadAsStringAsync());
            response.Dispose();
        }
        Assert.Equal(8, upstream.Requests.Count);
    }

    [Fact]
    public async Task RepeatedAndChangingHeaderLinesArriveAsSent()
    {
        await using var upstream = RawUpstream.Start(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Request-Id: a1\r\nX-Model:  v1 \r\n\r\n{}",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Request-Id: b2\r\nX-Model:  v1 \r\n\r\n{}",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Request-Id: c3\r\nX-Model: v2\r\n\r\n{}");
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(State(upstream.Url));

        foreach (var (id, model) in new[] { ("a1", "v1"), ("b2", "v1"), ("c3", "v2"), ("c3", "v2") })
        {
            using var response = await gateway.Http.PostAsync("/v1/predict", Row);
            Assert.Equal(id, response.Headers.GetValues("X-Request-Id").Single());
            Assert.Equal(model, response.Headers.GetValues("X-Model").Single());
        }
    }

    [Fact]
    public async Task AnUnreachableServerIsACounted502()
    {
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(State($"http://127.0.0.1:{RegistryServer.FreePort()}"));

        using var response = await gateway.Http.PostAsync("/v1/predict", Row);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("v1", response.Headers.GetValues("X-Trainyard-Version").Single());
        Assert.Contains("trainyard_gateway_requests_total{upstream=\"stable\",version=\"v1\",code=\"502\"} 1\n", await gateway.MetricsAsync());
    }

    [Fact]
    public async Task WithForwarderYarpPredictionsStillArriveAndOtherValuesAreRefused()
    {
        await using var upstream = RawUpstream.Start("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"d\":4}");
        await using var gateway = await GatewayProcess.StartAsync(("TRAINYARD_GATEWAY_FORWARDER", "yarp"), ("TRAINYARD_GATEWAY_INLINE_IO", "off"));
        await gateway.RouteAsync(State(upstream.Url));

        using var response = await gateway.Http.PostAsync("/v1/predict", Row);
        Assert.Equal("{\"d\":4}", await response.Content.ReadAsStringAsync());
        Assert.Equal("stable", response.Headers.GetValues("X-Trainyard-Route").Single());
        Assert.EndsWith("{\"Age\": 41}", upstream.Requests.Single());

        var (exitCode, output) = await GatewayProcess.RunToExitAsync(new Dictionary<string, string?> { ["TRAINYARD_GATEWAY_FORWARDER"] = "nginx", ["TRAINYARD_GATEWAY_INLINE_IO"] = "maybe" });
        Assert.Equal(2, exitCode);
        Assert.Contains("TRAINYARD_GATEWAY_FORWARDER='nginx' is not 'lean'", output);
        Assert.Contains("TRAINYARD_GATEWAY_INLINE_IO='maybe' is not 'on' or 'off'", output);
    }

    /// <summary>A socket server that answers the i-th request with the i-th answer (the last one over and over) and keeps each request's bytes.</summary>
    sealed class RawUpstream : IAsyncDisposable
    {
        readonly TcpListener _listener;
        readonly string[] _answers;
        readonly bool _closeAfterEach;
        readonly CancellationTokenSource _stop = new();
        readonly Task _accepting;
        int _answered, _connections;

        RawUpstream(bool closeAfterEach, string[] answers)
        {
            (_closeAfterEach, _answers) = (closeAfterEach, answers);
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public static RawUpstream Start(params string[] answers) => new(false, answers);
        public static RawUpstream Start(bool closeAfterEach, params string[] answers) => new(closeAfterEach, answers);

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        public ConcurrentQueue<string> Requests { get; } = new();
        public int Connections => _connections;

        async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                    _ = ServeAsync(socket);
                }
            }
            catch (OperationCanceledException) { }
        }

        async Task ServeAsync(Socket socket)
        {
            using var _ = socket;
            var buffer = new byte[64 * 1024];
            var length = 0;
            try
            {
                while (true)
                {
                    int end, body;
                    while ((end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0 || length < end + 4 + (body = ContentLength(buffer, end)))
                    {
                        var read = await socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                        if (read == 0) return;
                        length += read;
                    }
                    var size = end + 4 + body;
                    Requests.Enqueue(Encoding.Latin1.GetString(buffer, 0, size));
                    buffer.AsSpan(size, length - size).CopyTo(buffer);
                    length -= size;
                    var answer = _answers[Math.Min(Interlocked.Increment(ref _answered) - 1, _answers.Length - 1)];
                    await socket.SendAsync(Encoding.Latin1.GetBytes(answer), _stop.Token);
                    if (_closeAfterEach || answer.Contains("Connection: close", StringComparison.Ordinal)) return;
                }
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException) { }
        }

        static int ContentLength(byte[] buffer, int headEnd)
        {
            foreach (var line in Encoding.Latin1.GetString(buffer, 0, headEnd).Split("\r\n"))
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) return int.Parse(line["Content-Length:".Length..].Trim());
            return 0;
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _accepting;
        }
    }
}
