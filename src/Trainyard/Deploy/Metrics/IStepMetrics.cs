using Trainyard.Deploy.Analysis;

namespace Trainyard.Deploy.Metrics;

/// <summary>Where a deploy's processes publish metrics: the gateway's <c>/metrics</c> and each model server's, by version (<c>v3</c>).</summary>
internal sealed record DeployEndpoints(Uri GatewayMetrics, IReadOnlyDictionary<string, Uri> ServerMetrics);

/// <summary>
/// What a canary step measured, from one of two sources that read the same series the same way:
/// <see cref="ScrapedStepMetrics"/> (embedded: the processes' own <c>/metrics</c>) and
/// <see cref="PrometheusStepMetrics"/> (a team's Prometheus, <c>--prometheus-url</c>).
/// </summary>
internal interface IStepMetrics
{
    /// <summary>The step starts: the embedded source scrapes everything, the Prometheus source notes the time.</summary>
    Task BeginAsync(CancellationToken ct);

    /// <summary>The step ends: the window's increments per upstream (the stable's only when there is a stable version).</summary>
    Task<StepWindow> EndAsync(string canaryVersion, string? stableVersion, CancellationToken ct);
}

/// <summary>Chooses the source: Prometheus when the user gave its URL, else the embedded scrapes.</summary>
internal static class StepMetrics
{
    public static IStepMetrics For(Uri? prometheusUrl, DeployEndpoints endpoints, HttpClient http) =>
        prometheusUrl is null ? new ScrapedStepMetrics(endpoints, http, TimeProvider.System) : new PrometheusStepMetrics(prometheusUrl, http, TimeProvider.System);
}
