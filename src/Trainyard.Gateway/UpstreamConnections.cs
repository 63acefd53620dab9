using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Trainyard.Gateway;

/// <summary>
/// Keep-alive HTTP/1.1 connections to the model servers, for <see cref="PredictForwarder"/>: one request at a time per
/// connection, idle ones kept per server (last used first) and closed after <see cref="IdleTimeout"/>. A connection is
/// only ever closed while no request uses it, so an upstream change drains: its connections idle out.
/// </summary>
internal sealed class UpstreamConnections : IDisposable
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);
    static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    static readonly TimeSpan RecentlyUsed = TimeSpan.FromSeconds(1);

    readonly ConcurrentDictionary<DnsEndPoint, ConcurrentStack<UpstreamConnection>> _idle = new();
    readonly Timer _prune;

    public UpstreamConnections() => _prune = new Timer(_ => Prune(), null, IdleTimeout, IdleTimeout);

    /// <summary>
    /// An idle connection to <paramref name="server"/> that is still open, or a new one (reused: false). A request's
    /// second attempt asks with <paramref name="lookAtEach"/>: every idle connection is then looked at, as after a
    /// server's restart all of them may be closed.
    /// </summary>
    public async ValueTask<(UpstreamConnection Connection, bool Reused)> RentAsync(DnsEndPoint server, CancellationToken cancellationToken, bool lookAtEach = false)
    {
        if (_idle.TryGetValue(server, out var idle))
            while (idle.TryPop(out var connection))
            {
                // A connection used within the last second is not looked at: no server's idle timeout is that short,
                // and one closed anyway (a server stopping) fails before any byte of an answer, so the request goes
                // again on a new one. That spares a system call on almost every request.
                if ((!lookAtEach && Stopwatch.GetElapsedTime(connection.LastUsed) < RecentlyUsed) || connection.IsUsable) return (connection, true);
                connection.Dispose();
            }
        return (await ConnectAsync(server, cancellationToken), false);
    }

    /// <summary>Back to the idle ones, ready for the next request.</summary>
    public void Return(UpstreamConnection connection)
    {
        connection.LastUsed = Stopwatch.GetTimestamp();
        _idle.GetOrAdd(connection.Server, _ => new ConcurrentStack<UpstreamConnection>()).Push(connection);
    }

    static async Task<UpstreamConnection> ConnectAsync(DnsEndPoint server, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(server, timeout.Token);
            return new UpstreamConnection(server, socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    void Prune()
    {
        foreach (var (_, idle) in _idle)
        {
            // Take all, keep the recent ones: a connection is either in the stack or in use, never both.
            var kept = new List<UpstreamConnection>();
            while (idle.TryPop(out var connection))
                if (Stopwatch.GetElapsedTime(connection.LastUsed) < IdleTimeout && connection.IsUsable) kept.Add(connection);
                else connection.Dispose();
            for (var i = kept.Count - 1; i >= 0; i--) idle.Push(kept[i]);
        }
    }

    public void Dispose()
    {
        _prune.Dispose();
        foreach (var (_, idle) in _idle)
            while (idle.TryPop(out var connection)) connection.Dispose();
    }
}

/// <summary>One keep-alive connection to a model server, the buffer its answers are read into and their recent header lines.</summary>
internal sealed class UpstreamConnection(DnsEndPoint server, Socket socket) : IDisposable
{
    public DnsEndPoint Server { get; } = server;
    public Socket Socket { get; } = socket;
    public byte[] Buffer { get; } = new byte[16 * 1024];
    public HeaderLines HeaderLines { get; } = new();
    public long LastUsed { get; set; } = Stopwatch.GetTimestamp();

    // One per connection, reset after each request: a token source linked anew for every request, with its timer,
    // was a fifth of the gateway's allocation per request.
    readonly CancellationTokenSource _cancellation = new();
    CancellationTokenRegistration _clientGone;

    /// <summary>Starts a request: the token its I/O runs under, cancelled after <paramref name="limit"/> or when the client goes.</summary>
    public CancellationToken Begin(TimeSpan limit, CancellationToken clientGone)
    {
        _cancellation.CancelAfter(limit);
        _clientGone = clientGone.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), _cancellation);
        return _cancellation.Token;
    }

    /// <summary>Ends the request <see cref="Begin"/> started; false when it was cancelled (then the connection is done).</summary>
    public bool End()
    {
        _clientGone.Dispose();
        return _cancellation.TryReset();
    }

    /// <summary>
    /// False when the server closed it (or sent something unasked) while it was idle: an idle connection that is
    /// readable holds the peer's FIN or an error. One poll, no read.
    /// </summary>
    public bool IsUsable
    {
        get
        {
            try { return !Socket.Poll(0, SelectMode.SelectRead); }
            catch (Exception error) when (error is SocketException or ObjectDisposedException) { return false; }
        }
    }

    public void Dispose()
    {
        _clientGone.Dispose();
        _cancellation.Dispose();
        Socket.Dispose();
    }
}
