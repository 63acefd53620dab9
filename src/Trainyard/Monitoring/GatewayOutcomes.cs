using System.Globalization;
using Trainyard.Artifacts.Monitoring;
using Trainyard.Deploy.Metrics;

namespace Trainyard.Monitoring;

/// <summary>
/// What the prediction log cannot hold: the log has a line per answered prediction only, so server errors and
/// rejected (400) requests are counted where every request passes, the gateway, and read from Prometheus over the
/// window (<c>--prometheus-url</c>), per version, with the series CanaryDeploy's Prometheus source reads:
/// <code>sum by (version, code) (increase(trainyard_gateway_requests_total[Ns]))</code> at the window's end, N its
/// length in whole seconds. Prometheus extrapolates increase() to the window's edges, so the counts are close to
/// the exact ones, the rates closer (both counts scale alike).
/// </summary>
internal static class GatewayOutcomes
{
    public static async Task<IReadOnlyDictionary<string, GatewayFigures>> FromPrometheusAsync(HttpClient http, Uri prometheus, LogWindow window, CancellationToken ct)
    {
        var seconds = Math.Max(1, (long)Math.Round(window.Length.TotalSeconds));
        var query = $"sum by (version, code) (increase({DeploySeries.Requests}[{seconds.ToString(CultureInfo.InvariantCulture)}s]))";
        var source = $"Prometheus at {prometheus}: {query}";
        return (await PrometheusQuery.InstantAsync(http, prometheus, query, window.To, ct))
            .Where(e => e.Labels.GetValueOrDefault("version") is { Length: > 0 } && !double.IsNaN(e.Value))
            .GroupBy(e => e.Labels["version"], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g =>
            {
                var (requests, serverErrors, invalid) = DeploySeries.Outcomes(g.Select(e => (e.Labels.GetValueOrDefault("code"), e.Value)));
                return GatewayFigures.Of(source, requests, serverErrors, invalid);
            }, StringComparer.Ordinal);
    }
}
