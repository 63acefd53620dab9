using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trainyard.Tests.Deploy;

/// <summary>
/// A steady stream of single-row predictions through the gateway, at a fixed rate, for as long as a deploy runs —
/// what a production client does. Counts every answer by the version that served it, and keeps every failure (a
/// status other than 200, or a body that does not parse as predictions) for the assertion "zero failed requests".
/// </summary>
internal sealed class SteadyLoad : IAsyncDisposable
{
    readonly HttpClient _http;
    readonly CancellationTokenSource _stop = new();
    readonly Task[] _workers;
    readonly ConcurrentDictionary<string, int> _byVersion = new();
    readonly ConcurrentQueue<string> _failures = new();
    long _sent;

    /// <param name="perSecond">Requests per second over all workers.</param>
    public SteadyLoad(Uri gateway, IReadOnlyList<JsonElement> rows, int perSecond, IReadOnlyDictionary<string, string>? headers = null, int workers = 8)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2 }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) _http.DefaultRequestHeaders.Add(name, value);
        var interval = TimeSpan.FromSeconds((double)workers / perSecond);
        _workers = [.. Enumerable.Range(0, workers).Select(w => Task.Run(() => RunAsync(rows, w, interval)))];
    }

    public long Sent => Interlocked.Read(ref _sent);
    public IReadOnlyList<string> Failures => [.. _failures];
    public IReadOnlyDictionary<string, int> ByVersion => _byVersion;

    /// <summary>Answers served by <paramref name="version"/> so far.</summary>
    public int ServedBy(string version) => _byVersion.GetValueOrDefault(version);

    async Task RunAsync(IReadOnlyList<JsonElement> rows, int worker, TimeSpan interval)
    {
        var clock = Stopwatch.StartNew();
        for (var n = 0L; !_stop.IsCancellationRequested; n++)
        {
            var due = interval * n;
            if (due > clock.Elapsed)
                try { await Task.Delay(due - clock.Elapsed, _stop.Token); } catch (OperationCanceledException) { return; }
            var row = rows[(int)((n * 8 + worker) % rows.Count)];
            Interlocked.Increment(ref _sent);
            try
            {
                using var response = await _http.PostAsJsonAsync("/v1/predict", row, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync();
                var version = response.Headers.TryGetValues("X-Trainyard-Version", out var v) ? v.First() : "?";
                if (!response.IsSuccessStatusCode)
                    _failures.Enqueue($"{(int)response.StatusCode} from {version}: {body[..Math.Min(body.Length, 200)]}");
                else if (!JsonDocument.Parse(body).RootElement.TryGetProperty("predictions", out _))
                    _failures.Enqueue($"200 from {version} without predictions: {body[..Math.Min(body.Length, 200)]}");
                else _byVersion.AddOrUpdate(version, 1, (_, c) => c + 1);
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
            {
                _failures.Enqueue($"{e.GetType().Name}: {e.Message}");
            }
        }
    }

    /// <summary>Stops sending and waits for the answers in flight.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public override string ToString() =>
        $"{Sent:N0} sent, {Failures.Count} failed; served by {string.Join(", ", _byVersion.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value:N0}"))}";

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _stop.Dispose();
    }
}
