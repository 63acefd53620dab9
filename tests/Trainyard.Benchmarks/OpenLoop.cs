using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Trainyard.Benchmarks;

/// <summary>
/// The open-loop load client (what wrk2 does; wrk2 is not in Debian), run as a process of its own so that it can
/// have a core of its own. Request i is due at start + i / rate whatever the answers do; it goes out on any idle
/// keep-alive connection (or waits for one) and its latency counts from when it was due, so a stall is charged to
/// every request it delayed (coordinated omission corrected). One thread, the request's bytes built once,
/// non-blocking sockets, and ppoll.
/// <para>Between events the client either polls without pause (<see cref="ClientWait.Busy"/>, the default: it keeps
/// its core, as a remote client's machine would) or sleeps in ppoll until the next request is due or an answer
/// arrives (<see cref="ClientWait.Sleep"/>). On loopback a sleeping client is woken by the server's send, inside the
/// server's system call and on the server's core; in a virtual machine that wake-up is an inter-processor interrupt,
/// an exit to the hypervisor (a tenth of the server's sampled CPU at 9,000 req/s here, besides what sampling cannot
/// see). And a request due while the client sleeps goes out when the timer fires, late, charged to the server.
/// Neither is the server's work; a busy client removes both, as wrk, never idle at saturation, does in the
/// closed-loop measurement that the open-loop rate is a share of.</para>
/// </summary>
internal static partial class OpenLoop
{
    public static OpenLoopRun Run(IPEndPoint server, byte[] request, int rate, int connections, int seconds, int warmupSeconds, ClientWait wait)
    {
        // Timers may fire up to the thread's slack late (50 µs by default), which would be charged to the server.
        prctl(SetTimerSlack, 1, 0, 0, 0);
        var all = Enumerable.Range(0, connections).Select(_ => new Connection(server)).ToArray();
        try { return Drive(all, request, rate, seconds, warmupSeconds, wait); }
        finally { foreach (var connection in all) connection.Socket.Dispose(); }
    }

    static OpenLoopRun Drive(Connection[] all, byte[] request, int rate, int seconds, int warmupSeconds, ClientWait wait)
    {
        var tick = (double)Stopwatch.Frequency;
        long warmup = (long)rate * warmupSeconds, measured = (long)rate * seconds, total = warmup + measured;
        var latencies = new long[measured];
        Array.Fill(latencies, -1);
        var lags = new long[measured];
        var idle = new Queue<Connection>(all); // in turn, so none sits idle long enough to be closed
        var inFlight = new List<Connection>(all.Length);
        var polls = new PollFd[all.Length];
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        long Due(long i) => start + (long)(i * tick / rate);
        long windowStart = Due(warmup), windowEnd = Due(total), giveUp = windowEnd + 10 * Stopwatch.Frequency;
        long next = 0, sentInWindow = 0, answered = 0, errors = 0;
        // How long requests were due with every connection waiting on the service: then the service, not this
        // client, is behind (the waiting is charged to those requests' latencies all the same).
        long starvedSince = 0, starved = 0;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            for (; next < total && idle.Count > 0 && Due(next) <= now; next++)
            {
                var connection = idle.Dequeue();
                connection.Send(request, next, Due(next));
                inFlight.Add(connection);
                if (next < warmup) continue;
                lags[next - warmup] = now - Due(next);
                if (now < windowEnd) sentInWindow++;
            }
            if (next < total && idle.Count == 0 && Due(next) <= now && starvedSince == 0) starvedSince = now;
            if ((next == total && inFlight.Count == 0) || now > giveUp) break;
            for (var i = 0; i < inFlight.Count; i++) polls[i] = new PollFd { Fd = inFlight[i].Fd, Events = PollIn };
            var sleep = wait == ClientWait.Busy ? 0 : next < total && idle.Count > 0 ? Math.Max(0, Due(next) - now) : Stopwatch.Frequency / 10;
            if (Poll(polls, inFlight.Count, (long)(sleep * 1e9 / tick)) <= 0) continue;
            now = Stopwatch.GetTimestamp();
            // Backwards, swapping the answered connection with the last one: that one has been looked at already.
            for (var i = inFlight.Count - 1; i >= 0; i--)
            {
                if (polls[i].Revents == 0 || !inFlight[i].Receive(out var status)) continue;
                var connection = inFlight[i];
                if (status != 200) errors++;
                if (connection.Request >= warmup) { latencies[connection.Request - warmup] = now - connection.Due; answered++; }
                inFlight[i] = inFlight[^1];
                inFlight.RemoveAt(inFlight.Count - 1);
                idle.Enqueue(connection);
            }
            if (starvedSince != 0 && idle.Count > 0)
            {
                if (now > windowStart) starved += now - Math.Max(starvedSince, windowStart);
                starvedSince = 0;
            }
        }
        // Never answered (the run gave up): charged at least the wait until then; the run is invalid anyway.
        var end = Stopwatch.GetTimestamp();
        for (var i = 0; i < measured; i++) if (latencies[i] < 0) latencies[i] = end - Due(warmup + i);
        if (Environment.GetEnvironmentVariable("TRAINYARD_LOAD_TIMELINE") is { Length: > 0 } timeline)
            File.WriteAllLines(timeline, Enumerable.Range(0, (int)measured).Select(i =>
                FormattableString.Invariant($"{(Due(warmup + i) - windowStart) * 1000 / tick:F3},{latencies[i] * 1000 / tick:F3},{lags[i] * 1000 / tick:F3}")));
        double Milliseconds(long ticks) => ticks * 1000 / tick;
        return new OpenLoopRun(rate, sentInWindow / ((windowEnd - windowStart) / tick), measured, measured - answered, errors,
            Milliseconds(Statistics.Percentile(latencies, 0.50)), Milliseconds(Statistics.Percentile(latencies, 0.99)),
            Milliseconds(Statistics.Percentile(latencies, 0.999)), Milliseconds(latencies.Max()), Milliseconds(Statistics.Percentile(lags, 0.99)),
            Milliseconds(starved), all.Sum(c => c.Reconnects));
    }

    /// <summary>The bytes of one keep-alive POST of <paramref name="json"/>, built once and sent as they are for every request.</summary>
    public static byte[] PostRequest(int port, string path, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
        return [.. head, .. body];
    }

    /// <summary>What the client does between events: poll without pause, or sleep until the next one.</summary>
    public enum ClientWait { Busy, Sleep }

    const short PollIn = 1;
    const int SetTimerSlack = 29; // PR_SET_TIMERSLACK, in nanoseconds

    [DllImport("libc")]
    static extern int prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    [StructLayout(LayoutKind.Sequential)]
    struct PollFd { public int Fd; public short Events; public short Revents; }

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", SetLastError = true)]
    static extern int ppoll([In, Out] PollFd[] fds, nuint count, ref TimeSpec timeout, IntPtr signalMask);

    /// <summary>Waits until one of the first <paramref name="count"/> sockets is readable or the time is up; -1 on EINTR.</summary>
    static int Poll(PollFd[] polls, int count, long nanoseconds)
    {
        var timeout = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        return ppoll(polls, (nuint)count, ref timeout, IntPtr.Zero);
    }

    /// <summary>
    /// One keep-alive connection. A service may close one it found idle (uvicorn after 5 s): a request that meets a
    /// closed connection before any of its answer arrived goes again on a new one, keeping its due time.
    /// </summary>
    sealed class Connection(IPEndPoint server)
    {
        readonly byte[] buffer = new byte[64 * 1024];
        byte[] request = [];
        int length;

        public Socket Socket { get; private set; } = Open(server);
        public int Fd => (int)Socket.SafeHandle.DangerousGetHandle();
        public long Request { get; private set; }
        public long Due { get; private set; }
        public int Reconnects { get; private set; }

        static Socket Open(IPEndPoint server)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(server);
            socket.Blocking = false;
            return socket;
        }

        public void Send(byte[] bytes, long index, long due)
        {
            (request, Request, Due) = (bytes, index, due);
            if (TrySend()) return;
            Reopen();
            if (!TrySend()) throw new IOException("sending a request failed on a new connection too");
        }

        /// <summary>A few hundred bytes into an empty socket buffer: the kernel takes them whole or the connection is gone.</summary>
        bool TrySend() => Socket.Send(request, SocketFlags.None, out var error) == request.Length && error == SocketError.Success;

        void Reopen()
        {
            Socket.Dispose();
            Socket = Open(server);
            length = 0;
            Reconnects++;
        }

        /// <summary>Reads what has arrived; true once the whole response is in.</summary>
        public bool Receive(out int status)
        {
            status = 0;
            var read = Socket.Receive(buffer.AsSpan(length), SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock) return false;
            if ((read == 0 && error == SocketError.Success) || error is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                if (length > 0) throw new IOException("the service closed a connection in the middle of an answer");
                Send(request, Request, Due);
                return false;
            }
            if (error != SocketError.Success) throw new IOException($"receiving a response failed: {error}");
            length += read;
            var end = ResponseFraming.CompleteLength(buffer.AsSpan(0, length), out status);
            if (end == 0)
            {
                if (length == buffer.Length) throw new IOException($"a response longer than {buffer.Length} bytes");
                return false;
            }
            if (end != length) throw new IOException("bytes after the response, with no other request outstanding");
            length = 0;
            return true;
        }
    }
}
