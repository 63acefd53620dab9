using System.Globalization;
using System.Text.RegularExpressions;

namespace Trainyard.Benchmarks;

/// <summary>
/// Trainyard.Serving's GC counters from its /metrics, read before and after a run: how much of a run's tail the
/// server's own garbage collections can explain (paused time against the time requests waited).
/// </summary>
internal sealed partial record ServerCounters(double PauseSeconds, long Collections, long AllocatedBytes, long Requests)
{
    public static async Task<ServerCounters> ReadAsync(int port)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        double Value(string series) => double.Parse(Regex.Match(text, $"^{Regex.Escape(series)} (\\S+)$", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);
        return new ServerCounters(Value("dotnet_gc_pause_seconds_total"), (long)Value("dotnet_gc_collections_total{generation=\"0\"}"),
            (long)Value("dotnet_gc_allocated_bytes_total"), (long)Value("trainyard_http_requests_total{route=\"/v1/predict\",status=\"200\"}"));
    }

    /// <summary>What happened between <paramref name="before"/> and this reading, in one line.</summary>
    public string Since(ServerCounters before)
    {
        var requests = Math.Max(1, Requests - before.Requests);
        return string.Create(CultureInfo.InvariantCulture,
            $"GC {Collections - before.Collections} collections, paused {(PauseSeconds - before.PauseSeconds) * 1000:N1} ms, {(AllocatedBytes - before.AllocatedBytes) / (double)requests:N0} B allocated per request");
    }
}
