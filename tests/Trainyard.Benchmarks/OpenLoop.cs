using System.Diagnostics;
using System.Text;

namespace Trainyard.Benchmarks;

/// <summary>
/// An open-loop load client (what wrk2 does; wrk2 is not in Debian): requests start on a fixed schedule whatever the
/// answers do, and each latency counts from the scheduled start, so a stall is charged to every request it delayed.
/// </summary>
internal static class OpenLoop
{
    public static async Task<double> P99Async(Uri url, string body, int rate, int seconds)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        var total = rate * seconds;
        var latencies = new double[total];
        var requests = new Task[total];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            while (Stopwatch.GetTimestamp() < due)
                if (due - Stopwatch.GetTimestamp() > Stopwatch.Frequency / 500) await Task.Delay(1); else Thread.SpinWait(20);
            var index = i;
            requests[i] = SendAsync(http, url, body, due, latencies, index);
        }
        await Task.WhenAll(requests);
        Array.Sort(latencies);
        return latencies[(int)(0.99 * (total - 1))];
    }

    static async Task SendAsync(HttpClient http, Uri url, string body, long due, double[] latencies, int index)
    {
        using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
    }
}
