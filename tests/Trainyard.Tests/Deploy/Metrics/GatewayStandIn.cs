using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;

namespace Trainyard.Tests.Deploy.Metrics;

/// <summary>
/// Until Trainyard.Gateway is merged (built in parallel for issue 16), the gateway's series exactly as the deploy
/// contract names them, counted here for real requests this class sends to real model servers: each request's
/// upstream, the status the server answered (502 when the upstream cannot be reached, as YARP answers) and its
/// duration, into <c>trainyard_gateway_requests_total{upstream,version,code}</c> and
/// <c>trainyard_gateway_request_duration_seconds_bucket{upstream,version,le}</c> with the contract's bounds, on a
/// <see cref="TextExporter"/>. Once the gateway exists, the tests drive it instead (the lead swaps this class out).
/// </summary>
internal sealed class GatewayStandIn : IAsyncDisposable
{
    static readonly double[] Bounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    readonly Lock _lock = new();
    readonly Dictionary<(string Upstream, string Version, int Code), long> _requests = [];
    readonly Dictionary<(string Upstream, string Version), long[]> _buckets = [];
    readonly Dictionary<(string Upstream, string Version), double> _sums = [];
    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    readonly TextExporter _exporter;

    public GatewayStandIn() => _exporter = new TextExporter(Text);

    public Uri MetricsUrl => _exporter.Url;

    /// <summary>Every duration recorded, by upstream, in seconds: to check percentiles against the exact ones.</summary>
    public Dictionary<string, List<double>> Durations { get; } = [];

    /// <summary>Sends <paramref name="body"/> to <paramref name="server"/>'s /v1/predict as the gateway would forward it, and counts it; returns the status.</summary>
    public async Task<int> ForwardAsync(string upstream, string version, Uri server, object body, bool count = true)
    {
        var start = Stopwatch.GetTimestamp();
        int code;
        try
        {
            using var response = await _http.PostAsJsonAsync(new Uri(server, "/v1/predict"), body);
            await response.Content.ReadAsByteArrayAsync();
            code = (int)response.StatusCode;
        }
        catch (HttpRequestException) { code = 502; }
        if (count) Record(upstream, version, code, Stopwatch.GetElapsedTime(start).TotalSeconds);
        return code;
    }

    void Record(string upstream, string version, int code, double seconds)
    {
        lock (_lock)
        {
            _requests[(upstream, version, code)] = _requests.GetValueOrDefault((upstream, version, code)) + 1;
            var buckets = _buckets.TryGetValue((upstream, version), out var b) ? b : _buckets[(upstream, version)] = new long[Bounds.Length + 1];
            var index = Array.FindIndex(Bounds, bound => seconds <= bound);
            buckets[index < 0 ? Bounds.Length : index]++;
            _sums[(upstream, version)] = _sums.GetValueOrDefault((upstream, version)) + seconds;
            (Durations.TryGetValue(upstream, out var list) ? list : Durations[upstream] = []).Add(seconds);
        }
    }

    string Text()
    {
        var text = new StringBuilder();
        lock (_lock)
        {
            text.Append("# HELP trainyard_gateway_requests_total Requests by upstream, version and status.\n# TYPE trainyard_gateway_requests_total counter\n");
            foreach (var ((upstream, version, code), count) in _requests)
                text.Append(CultureInfo.InvariantCulture, $"trainyard_gateway_requests_total{{upstream=\"{upstream}\",version=\"{version}\",code=\"{code}\"}} {count}\n");
            text.Append("# HELP trainyard_gateway_request_duration_seconds Request duration.\n# TYPE trainyard_gateway_request_duration_seconds histogram\n");
            foreach (var ((upstream, version), buckets) in _buckets)
            {
                long running = 0;
                for (var i = 0; i <= Bounds.Length; i++)
                {
                    running += buckets[i];
                    var le = i < Bounds.Length ? Bounds[i].ToString("R", CultureInfo.InvariantCulture) : "+Inf";
                    text.Append(CultureInfo.InvariantCulture, $"trainyard_gateway_request_duration_seconds_bucket{{upstream=\"{upstream}\",version=\"{version}\",le=\"{le}\"}} {running}\n");
                }
                text.Append(CultureInfo.InvariantCulture, $"trainyard_gateway_request_duration_seconds_sum{{upstream=\"{upstream}\",version=\"{version}\"}} {_sums[(upstream, version)]:R}\n");
                text.Append(CultureInfo.InvariantCulture, $"trainyard_gateway_request_duration_seconds_count{{upstream=\"{upstream}\",version=\"{version}\"}} {running}\n");
            }
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _exporter.DisposeAsync();
    }
}
