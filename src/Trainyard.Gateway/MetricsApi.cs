using System.Text;
using static Trainyard.Runtime.Metrics.PrometheusText;

namespace Trainyard.Gateway;

/// <summary>GET /metrics on the public listener, in the Prometheus text format (0.0.4); names in docs/deploy.md.</summary>
internal static class MetricsApi
{
    public static void MapMetricsApi(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<GatewayMetrics>();
        var table = app.Services.GetRequiredService<RoutingTable>();
        app.MapGet("/metrics", () => Results.Text(Write(metrics, table.Current.State), ContentType));
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
            WriteHistogram(text, "trainyard_gateway_request_duration_seconds", $"upstream=\"{upstream}\",version=\"{Escape(version)}\",", s.Latency);

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
}
