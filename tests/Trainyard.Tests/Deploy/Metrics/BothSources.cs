using Trainyard.Deploy.Analysis;
using Trainyard.Deploy.Metrics;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Deploy.Metrics;

/// <summary>
/// Both metric sources over the same <see cref="RoutedServers"/>: the embedded one, and a real Prometheus scraping the
/// gateway and both servers every second. One step measured by both gives two windows of the same traffic.
/// </summary>
internal sealed class BothSources : IAsyncDisposable
{
    readonly RoutedServers _servers;

    BothSources(RoutedServers servers, PrometheusServer prometheus)
    {
        _servers = servers;
        Prometheus = prometheus;
    }

    public PrometheusServer Prometheus { get; }
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<BothSources> StartAsync(RoutedServers servers) =>
        new(servers, await PrometheusServer.StartAsync(servers.GatewayMetrics, servers.StableMetrics, servers.CanaryMetrics));

    /// <summary>Warms the processes, opens every series the traffic will count (the canary's <paramref name="canaryCodes"/>), and waits until Prometheus holds them.</summary>
    public async Task PrepareAsync(PackagedSample sample, int weight, params int[] canaryCodes)
    {
        await _servers.WarmAsync(sample, weight);
        await _servers.OpenSeriesAsync(sample, "stable", 200, 400);
        await _servers.OpenSeriesAsync(sample, "canary", canaryCodes);
        // Most of the wait is for Prometheus' first scrape: its discovery hands the targets to its scrapers 5 s after
        // it starts (Prometheus 2.42 has no flag for that).
        await Prometheus.WaitForScrapesAfterAsync(DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// One step: both sources begin, <paramref name="quiet"/> passes, <paramref name="traffic"/> runs, Prometheus
    /// scrapes every target after it, both sources end. Quiet at the start keeps the traffic inside Prometheus' range:
    /// that range starts within half a second of the window's (whole seconds, rounded) and its first sample in the
    /// range is a scrape later (more when a loaded machine delays a scrape).
    /// </summary>
    public async Task<(StepWindow Embedded, StepWindow Prometheus)> MeasureAsync(TimeSpan quiet, Func<Task> traffic)
    {
        var scraped = new ScrapedStepMetrics(_servers.Endpoints, Http, TimeProvider.System);
        var queried = new PrometheusStepMetrics(Prometheus.Url, Http, TimeProvider.System);
        await scraped.BeginAsync(CancellationToken.None);
        await queried.BeginAsync(CancellationToken.None);
        await Task.Delay(quiet);
        await traffic();
        await Prometheus.WaitForScrapesAfterAsync(DateTimeOffset.UtcNow);
        var embedded = await scraped.EndAsync("v2", "v1", CancellationToken.None);
        return (embedded, await queried.EndAsync("v2", "v1", CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Prometheus.DisposeAsync();
    }
}
