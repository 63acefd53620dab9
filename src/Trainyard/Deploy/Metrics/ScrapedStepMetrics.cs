using Trainyard.Deploy.Analysis;

namespace Trainyard.Deploy.Metrics;

/// <summary>
/// The embedded source: scrapes the gateway's and every server's <c>/metrics</c> at the step's start and end; the
/// window is end − begin per series (<see cref="SeriesIncrease"/>: a counter reset counts from 0, as Prometheus'
/// increase does). Requests, errors and latency come from the gateway's series of each upstream; the score
/// histogram from that version's server. Nothing is extrapolated, so the counts are exact.
/// </summary>
internal sealed class ScrapedStepMetrics(DeployEndpoints endpoints, HttpClient http, TimeProvider time) : IStepMetrics
{
    Snapshot? _begin;

    public async Task BeginAsync(CancellationToken ct) => _begin = await ScrapeAllAsync(ct);

    public async Task<StepWindow> EndAsync(string canaryVersion, string? stableVersion, CancellationToken ct)
    {
        var begin = _begin ?? throw new InvalidOperationException("EndAsync before BeginAsync");
        var end = await ScrapeAllAsync(ct);
        _begin = null;
        var canary = Upstream(begin, end, DeploySeries.Canary, canaryVersion);
        var stable = stableVersion is null ? null : Upstream(begin, end, DeploySeries.Stable, stableVersion);
        return new StepWindow(time.GetElapsedTime(begin.Timestamp, end.Timestamp), canary, stable);
    }

    UpstreamWindow Upstream(Snapshot begin, Snapshot end, string upstream, string version)
    {
        bool OfUpstream(MetricSample s) => s.Label("upstream") == upstream;
        var requests = SeriesIncrease.Of(begin.Gateway, end.Gateway, DeploySeries.Requests, OfUpstream).Select(r => (r.Series.Label("code"), r.Increase));
        var durations = SeriesIncrease.Buckets(begin.Gateway, end.Gateway, DeploySeries.DurationBuckets, OfUpstream);
        // The server's URL is the version's; its one model's histogram is read whatever its version label says.
        if (!end.Servers.TryGetValue(version, out var after))
            throw new InvalidOperationException($"no server metrics URL for {version} (known: {string.Join(", ", end.Servers.Keys)})");
        var scores = SeriesIncrease.Buckets(begin.Servers[version], after, DeploySeries.ScoreBuckets, _ => true);
        return DeploySeries.Window(upstream, version, requests, durations, scores);
    }

    async Task<Snapshot> ScrapeAllAsync(CancellationToken ct)
    {
        var timestamp = time.GetTimestamp();
        var gateway = Scrape.FetchAsync(http, endpoints.GatewayMetrics, ct);
        var servers = endpoints.ServerMetrics.Select(async s => (Version: s.Key, Scrape: await Scrape.FetchAsync(http, s.Value, ct))).ToList();
        return new Snapshot(timestamp, await gateway, (await Task.WhenAll(servers)).ToDictionary(s => s.Version, s => s.Scrape));
    }

    sealed record Snapshot(long Timestamp, Scrape Gateway, IReadOnlyDictionary<string, Scrape> Servers);
}
