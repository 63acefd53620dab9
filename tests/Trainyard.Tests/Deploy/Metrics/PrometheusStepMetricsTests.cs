using Trainyard.Deploy.Analysis;
using Trainyard.Deploy.Metrics;
using Trainyard.Tests.Registry.Distribution;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Deploy.Metrics;

/// <summary>The Prometheus source against a real Prometheus (Debian's), scraping real model servers every second.</summary>
[Collection(ServingCollection.Name)]
public sealed class PrometheusStepMetricsTests(PackagedSample sample)
{
    const double RequestsPerSecond = 300;
    const int Weight = 25;
    const double RankSlack = 0.02;
    static readonly TimeSpan Traffic = TimeSpan.FromSeconds(3);
    static readonly TimeSpan QuietStart = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task BothSourcesGiveTheSameNumbersForTheSameTraffic()
    {
        // A canary answering 3% of its predictions 500, so there are server errors to count.
        await using var servers = await RoutedServers.StartAsync(sample, Weight, ("TRAINYARD_FAULT_ERROR_RATE", "0.03"));
        await using var sources = await BothSources.StartAsync(servers);
        // These requests are fast, so they sit in the lowest buckets: see AssertAgree.
        await sources.PrepareAsync(sample, Weight, 200, 400, 500);

        var gatewayBefore = await Scrape.FetchAsync(sources.Http, servers.GatewayMetrics, CancellationToken.None);
        // Quiet at both edges, so both sources see the same requests (BothSources.MeasureAsync): three quiet seconds
        // at the start, a scrape taken after the traffic at the end.
        // 3 s at 300 requests/s, a quarter to the canary by the gateway's weight; one in 20 rows invalid (400).
        var (exact, asked) = await sources.MeasureAsync(QuietStart,
            () => servers.LoadAsync(sample, Traffic, RequestsPerSecond, workers: 4, invalidEvery: 20));
        var gatewayAfter = await Scrape.FetchAsync(sources.Http, servers.GatewayMetrics, CancellationToken.None);

        var report = $"embedded: {exact}\nPrometheus: {asked}";
        Assert.True(exact.Canary.Requests > 150 && exact.Canary.ServerErrors > 0 && exact.Canary.InvalidRequests > 0, report);
        foreach (var (upstream, e, a) in new[] { ("canary", exact.Canary, asked.Canary), ("stable", exact.Stable!, asked.Stable!) })
            AssertAgree(e, a, asked.Length, SeriesIncrease.Buckets(gatewayBefore, gatewayAfter, DeploySeries.DurationBuckets, s => s.Label("upstream") == upstream), report);
    }

    /// <summary>
    /// Counts: Prometheus' increase() over [Ns] takes the last minus the first sample inside the range — here both
    /// bracket the traffic, so the difference is the exact count — and extrapolates it to the range's edges by the
    /// share of the range the samples do not cover. At the end that is the time from the last scrape to the query,
    /// under one scrape interval (the test asks right after a scrape); at the start increase() stops where the
    /// counter would reach 0, and the warm-up (under other version labels) left the gateway's counters near 0, so
    /// almost nothing. Hence the Prometheus count lies in [exact − 1, exact × N / (N − 1) + 1] (±1: rounding). The
    /// servers count every prediction whatever the gateway calls their version, so their score buckets start the
    /// window holding the warm-up's scores and increase() extrapolates at the start too: up to another scrape
    /// interval, N / (N − 2). Percentiles: the end's extrapolation
    /// scales every bucket of one target alike (they are scraped at the same instants), the start's touches the
    /// few buckets the warm-up requests reached, and the counts are rounded: a percentile's rank moves by a hair.
    /// Yet as values they can differ by a bucket's width when the rank sits at a bucket's edge (a p99 of 200
    /// requests rests on two requests), so ranks are compared: Prometheus' p_q lies between the window's exact
    /// histogram's p_(q − 0.02) and p_(q + 0.02), and the embedded source gives exactly p_q. The exact histogram is
    /// the gateway's own buckets' increments over the window (<paramref name="latency"/>, in seconds).
    /// </summary>
    static void AssertAgree(UpstreamWindow exact, UpstreamWindow asked, TimeSpan length, (IReadOnlyList<double> Bounds, IReadOnlyList<long> Counts) latency, string report)
    {
        var n = Math.Round(length.TotalSeconds);
        var slack = n / (n - PrometheusServer.ScrapeInterval.TotalSeconds);
        var scoreSlack = n / (n - 2 * PrometheusServer.ScrapeInterval.TotalSeconds);
        void Count(long expected, long actual, double slack) => Assert.True(actual >= expected - 1 && actual <= expected * slack + 1, $"{actual} vs {expected} (×{slack:0.00} at most)\n{report}");
        Count(exact.Requests, asked.Requests, slack);
        Count(exact.ServerErrors, asked.ServerErrors, slack);
        Count(exact.InvalidRequests, asked.InvalidRequests, slack);

        double Exact(double q) => HistogramQuantile.Of(latency.Bounds, latency.Counts, Math.Clamp(q, 0, 1)) * 1000;
        // When the start's extrapolation is not small after all (a busy machine delays the query or a scrape), it adds
        // a share x of extra counts (measured: Prometheus' requests ÷ the exact ones − 1) to the buckets unevenly —
        // the cumulative buckets holding more of the warm-up get more. Wherever those counts land, Prometheus' p_q
        // then sits between the exact p_(q − (1 − q)x) and p_(q + qx): its rank q × N(1 + x) less or plus xN.
        var extra = Math.Max(0, (double)asked.Requests / exact.Requests - 1);
        foreach (var (q, e, a) in new[] { (0.50, exact.P50Ms, asked.P50Ms), (0.95, exact.P95Ms, asked.P95Ms), (0.99, exact.P99Ms, asked.P99Ms) })
        {
            Assert.Equal(Exact(q), e!.Value, 9);
            var (low, high) = (Exact(q - (1 - q) * extra - RankSlack), Exact(q + q * extra + RankSlack));
            Assert.True(a is { } y && y >= low && y <= high, $"p{q * 100} {a} outside [{low}, {high}]\n{report}");
        }
        Assert.Equal(exact.ScoreBounds, asked.ScoreBounds);
        Assert.Equal(exact.ScoreCounts.Count, asked.ScoreCounts.Count);
        for (var i = 0; i < exact.ScoreCounts.Count; i++) Count(exact.ScoreCounts[i], asked.ScoreCounts[i], scoreSlack);
    }

    [Fact]
    public async Task NoSeriesIsNoDataNotAnError()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        await using var prometheus = await PrometheusServer.StartAsync(new Uri(server.Url, "/metrics"));
        using var http = new HttpClient();
        var queried = new PrometheusStepMetrics(prometheus.Url, http, TimeProvider.System);

        await queried.BeginAsync(CancellationToken.None);
        await prometheus.WaitForScrapesAfterAsync(DateTimeOffset.UtcNow.AddSeconds(1));
        var window = await queried.EndAsync("v2", "v1", CancellationToken.None);

        Assert.Equal((0L, 0L, 0L), (window.Canary.Requests, window.Canary.ServerErrors, window.Canary.InvalidRequests));
        Assert.Null(window.Canary.P99Ms);
        Assert.Empty(window.Canary.ScoreCounts);
        Assert.Equal(0, window.Stable!.Requests);
    }

    [Fact]
    public async Task FailuresNameTheUrlAndTheQuery()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        await using var prometheus = await PrometheusServer.StartAsync(new Uri(server.Url, "/metrics"));
        using var http = new HttpClient();
        var nobody = new Uri($"http://127.0.0.1:{RegistryServer.FreePort()}/");
        const string FirstQuery = "query: sum by (code) (increase(trainyard_gateway_requests_total{upstream=\"canary\"}[1s]))";

        var unreachable = await Assert.ThrowsAsync<TrainyardException>(() => EndAtOnceAsync(nobody));
        var notPrometheus = await Assert.ThrowsAsync<TrainyardException>(() => EndAtOnceAsync(server.Url));
        var refused = await Assert.ThrowsAsync<TrainyardException>(() => PrometheusQuery.InstantAsync(http, prometheus.Url, "sum(rate(x[5s]", DateTimeOffset.UtcNow, CancellationToken.None));

        Assert.StartsWith($"Prometheus at {nobody} could not be reached: ", unreachable.Message);
        Assert.EndsWith(FirstQuery, unreachable.Message);
        Assert.StartsWith($"Prometheus at {server.Url} answered HTTP 404 with something that is not the query API's JSON", notPrometheus.Message);
        Assert.EndsWith(FirstQuery, notPrometheus.Message);
        Assert.StartsWith($"Prometheus at {prometheus.Url} answered HTTP 400, bad_data: ", refused.Message);
        Assert.EndsWith("; query: sum(rate(x[5s]", refused.Message);

        async Task EndAtOnceAsync(Uri url)
        {
            var metrics = new PrometheusStepMetrics(url, http, TimeProvider.System);
            await metrics.BeginAsync(CancellationToken.None);
            await metrics.EndAsync("v2", "v1", CancellationToken.None);
        }
    }
}
