using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Connections;

namespace Trainyard.Gateway;

/// <summary>
/// The predictions' own forwarding path (docs/benchmarks.md, "Canary gateway"): <c>POST /v1/predict</c> with a body of
/// known length up to <see cref="MaxBodyBytes"/>, over <see cref="UpstreamConnections"/>. The request goes out as one
/// write (line, headers and body), where YARP's sends its headers and its body separately, and the answer is copied
/// as it comes. It costs the gateway about half of YARP's CPU per request. Everything else goes through YARP.
/// Headers as YARP's default transformer: hop-by-hop ones dropped, Host the upstream's, X-Forwarded-For/-Proto/-Host set.
/// </summary>
internal sealed class PredictForwarder(UpstreamConnections connections, ILogger logger)
{
    public const int MaxBodyBytes = 64 * 1024;
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(100); // as YARP's activity timeout here

    /// <summary>Whether this path takes the request (the rest goes to YARP).</summary>
    public static bool Takes(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/v1/predict", StringComparison.Ordinal) && request.ContentLength is >= 0 and <= MaxBodyBytes;

    /// <summary>
    /// Forwards the request and copies the answer (with the route's headers). False when it failed: then the status
    /// is 400 (the client's body), 502 (the upstream) or 504 (no answer in time) if nothing was sent yet, otherwise
    /// the client's connection is aborted.
    /// </summary>
    // Pooled: each request's awaits (as the upstream's reads below) would otherwise allocate their state anew.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ForwardAsync(HttpContext context, PredictTarget target, string route, string version)
    {
        var request = new RequestBytes();
        try
        {
            // The body under Kestrel's own limits (a client sending too slowly is cut off by its minimum data rate).
            try { await request.WriteAsync(context, target, context.RequestAborted); }
            catch (Exception error) when (error is IOException or BadHttpRequestException or ConnectionResetException or OperationCanceledException)
            {
                var status = context.RequestAborted.IsCancellationRequested ? StatusCodes.Status502BadGateway : StatusCodes.Status400BadRequest;
                return Fail(context, status, target, "reading the request body", error);
            }
            // A kept connection the server closed meanwhile fails before any byte of an answer: once more on a new one.
            for (var attempt = 0; ; attempt++)
            {
                UpstreamConnection? connection = null;
                try
                {
                    (connection, var reused) = await connections.RentAsync(target.EndPoint, context.RequestAborted, lookAtEach: attempt > 0);
                    var cancellation = connection.Begin(Timeout, context.RequestAborted);
                    bool keep;
                    try
                    {
                        await connection.Socket.SendAsync(request.Bytes, SocketFlags.None, cancellation);
                        keep = await UpstreamResponse.CopyAsync(connection, context, route, version, cancellation);
                    }
                    catch (Exception error) when (reused && attempt == 0 && error is SocketException or UpstreamResponse.NothingReceivedException)
                    {
                        continue;
                    }
                    keep = connection.End() && keep;
                    if (keep)
                    {
                        connections.Return(connection);
                        connection = null;
                    }
                    return true;
                }
                catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or UpstreamResponse.NothingReceivedException or InvalidDataException)
                {
                    var status = error is OperationCanceledException && !context.RequestAborted.IsCancellationRequested
                        ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
                    return Fail(context, status, target, "forwarding", error);
                }
                finally { connection?.Dispose(); }
            }
        }
        finally { request.Dispose(); }
    }

    bool Fail(HttpContext context, int status, PredictTarget target, string doing, Exception error)
    {
        logger.LogInformation("{Doing} POST /v1/predict to {Upstream} failed: {Error}", doing, target.Authority, error.Message);
        if (context.Response.HasStarted) context.Abort();
        else
        {
            context.Response.Clear();
            context.Response.StatusCode = status;
        }
        return false;
    }

    /// <summary>The request as the upstream gets it, in one pooled buffer.</summary>
    sealed class RequestBytes : IDisposable
    {
        static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
        {
            "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Upgrade", "Expect",
            "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Prefix",
        };
        byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
        int _length;

        public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(0, _length);

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
        public async ValueTask WriteAsync(HttpContext context, PredictTarget target, CancellationToken cancellationToken)
        {
            var request = context.Request;
            var length = (int)request.ContentLength!.Value;
            Text("POST "); Text(target.PathPrefix); Text(request.Path.ToUriComponent()); Text(request.QueryString.ToUriComponent());
            Text(" HTTP/1.1\r\nHost: "); Text(target.Authority); Text("\r\n");
            var connectionTokens = request.Headers.Connection.ToString();
            foreach (var (name, values) in request.Headers)
            {
                if (NotForwarded.Contains(name) || (connectionTokens.Length > 0 && NamedIn(connectionTokens, name))) continue;
                foreach (var value in values) Header(name, value ?? "");
            }
            if (context.Connection.RemoteIpAddress is { } client)
            {
                Text("X-Forwarded-For: ");
                Ensure(64); // an IPv6 address with its scope is at most 56 characters
                client.TryFormat(_buffer.AsSpan(_length), out var written);
                _length += written;
                Text("\r\n");
            }
            Header("X-Forwarded-Proto", request.Scheme);
            if (request.Host.HasValue) Header("X-Forwarded-Host", request.Host.Value!);
            Text("Content-Length: ");
            Ensure(10);
            length.TryFormat(_buffer.AsSpan(_length), out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
            _length += digits;
            Text("\r\n\r\n");
            Ensure(length);
            await request.Body.ReadExactlyAsync(_buffer.AsMemory(_length, length), cancellationToken);
            _length += length;
        }

        static bool NamedIn(string connectionTokens, string name) =>
            connectionTokens.Split(',', StringSplitOptions.TrimEntries).Contains(name, StringComparer.OrdinalIgnoreCase);

        void Header(string name, string value)
        {
            Text(name); Text(": "); Text(value); Text("\r\n");
        }

        // Latin-1: what Kestrel decoded the header bytes as, so they go out as they came in.
        void Text(string text)
        {
            Ensure(text.Length);
            _length += Encoding.Latin1.GetBytes(text, _buffer.AsSpan(_length));
        }

        void Ensure(int more)
        {
            if (_length + more <= _buffer.Length) return;
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }
}

/// <summary>An upstream as the predictions' path addresses it: prepared once per routing state.</summary>
internal sealed record PredictTarget(DnsEndPoint EndPoint, string Authority, string PathPrefix)
{
    /// <summary>The target for a plain-HTTP upstream; null for HTTPS ones, which go through YARP.</summary>
    public static PredictTarget? For(Upstream upstream) =>
        Uri.TryCreate(upstream.Url, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp
            ? new PredictTarget(new DnsEndPoint(url.IdnHost, url.Port), url.Authority, url.AbsolutePath.TrimEnd('/'))
            : null;
}
