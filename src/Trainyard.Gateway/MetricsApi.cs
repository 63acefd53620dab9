using System.Globalization;
using System.Text;

namespace Trainyard.Gateway;

/// <summary>GET /metrics on the public listener, in the Prometheus text format (0.0.4); names in docs/deploy.md.</summary>
internal static class MetricsApi
{
    public static void MapMetricsApi(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<GatewayMetrics>();
        var table = app.Services.GetRequiredService<RoutingTable>();
        app.MapGet("/metrics", () => Results.Text(Write(metrics, table.Current.State), "text/plain; version=0.0.4; charset=utf-8"));
    }

    internal static string Write(GatewayMetrics metrics, RoutingState state)
    {
        var text = new StringBuilder();
        var series = metrics.All.ToList();
        Header(text, "trainyard_gateway_requests_total", "counter", "Requests forwarded, by upstream (stable|canary), model version and status code (502: upstream unreachable).");
        foreach (var (upstream, version, s) in series)
            foreach (var (code, count) in s.Codes)
                text.Append($"trainyard_gateway_requests_total{{upstream=\"{upstream}\",version=\"{Escape(version)}\",code=\"{code}\"}} {count}\n");

        Header(text, "trainyard_gateway_request_duration_seconds", "histogram", "Time from forwarding a request to the end of its answer, by upstream and model version.");
        foreach (var (upstream, version, s) in series)
        {
            var labels = $"upstream=\"{upstream}\",version=\"{Escape(version)}\"";
            var (cumulative, sum) = s.Latency.Snapshot();
            for (var i = 0; i < s.Latency.Bounds.Length; i++)
                text.Append($"trainyard_gateway_request_duration_seconds_bucket{{{labels},le=\"{Number(s.Latency.Bounds[i])}\"}} {cumulative[i]}\n");
            text.Append($"trainyard_gateway_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {cumulative[^1]}\n");
            text.Append($"trainyard_gateway_request_duration_seconds_sum{{{labels}}} {Number(sum)}\n");
            text.Append($"trainyard_gateway_request_duration_seconds_count{{{labels}}} {cumulative[^1]}\n");
        }

        Header(text, "trainyard_gateway_in_flight_requests", "gauge", "Requests forwarded and not answered yet, by upstream and model version.");
        foreach (var (upstream, version, s) in series)
            text.Append($"trainyard_gateway_in_flight_requests{{upstream=\"{upstream}\",version=\"{Escape(version)}\"}} {Interlocked.Read(ref s.InFlight)}\n");

        if (state.Clients is { Count: > 0 } || metrics.Callers.Any())
        {
            Header(text, "trainyard_gateway_caller_requests_total", "counter", "Requests forwarded, by caller (its name, from its key) and model version.");
            foreach (var (caller, version, count) in metrics.Callers)
                text.Append($"trainyard_gateway_caller_requests_total{{caller=\"{Escape(caller)}\",version=\"{Escape(version)}\"}} {count}\n");
        }
        Header(text, "trainyard_gateway_unauthorized_requests_total", "counter", "Requests refused because they carried no valid caller key (X-Trainyard-Key).");
        text.Append($"trainyard_gateway_unauthorized_requests_total {Interlocked.Read(ref metrics.Unauthorized)}\n");
        Header(text, "trainyard_gateway_canary_weight", "gauge", "The canary's share of requests, in percent.");
        text.Append($"trainyard_gateway_canary_weight {state.CanaryWeight}\n");
        return text.ToString();
    }

    static void Header(StringBuilder text, string name, string type, string help) => text.Append($"# HELP {name} {help}\n# TYPE {name} {type}\n");

    static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // The exposition format's label value escapes: backslash, double quote and line feed.
    static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
