using Trainyard.Pipelines;

namespace Trainyard.Deploy.Analysis;

/// <summary>The live metrics of one upstream in a window, by the names deploy checks use (<see cref="DeployReader.LiveMetrics"/>).</summary>
internal static class LiveMetric
{
    /// <summary>The value, or null and why it was not measured. score_psi compares two upstreams: see <see cref="ScoreShift"/>.</summary>
    public static (double? Value, string? NoData) Of(string metric, UpstreamWindow side)
    {
        double? Share(long part) => side.Requests > 0 ? (double)part / side.Requests : null;
        var value = metric switch
        {
            "success_rate" => Share(side.Requests - side.ServerErrors),
            "error_rate" => Share(side.ServerErrors),
            "invalid_request_rate" => Share(side.InvalidRequests),
            "p50_latency_ms" => side.P50Ms,
            "p95_latency_ms" => side.P95Ms,
            "p99_latency_ms" => side.P99Ms,
            _ => throw new ArgumentException($"'{metric}' is not a live metric of one upstream.", nameof(metric)),
        };
        return value is { } v && double.IsFinite(v) ? (v, null)
            : (null, $"no data: {metric} not measured on {(side.Upstream == "canary" ? "the canary" : side.Upstream)}");
    }

    /// <summary>Rates and PSI to 4 decimals (0.9700), latencies to 2 (12.50 ms): the precision the checks are written in.</summary>
    public static string Format(string metric, double value) =>
        value.ToString(metric.EndsWith("_ms", StringComparison.Ordinal) ? "F2" : "F4", System.Globalization.CultureInfo.InvariantCulture);
}
