using System.Diagnostics;
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
    const double RankSlack = 0.02;
    static readonly TimeSpan Traffic = TimeSpan.FromSeconds(3);
    static readonly TimeSpan QuietStart = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task BothSourcesGiveTheSameNumbersForTheSameTraffic()
    {
        await using var stable = await ModelServer.StartAsync(sample.Environment());
        await using var canary = await ModelServer.StartAsync(await V2Async());
        await using var gateway = new GatewayStandIn();
        var stableMetrics = new Uri(stable.Url, "/metrics");
        var canaryMetrics = new Uri(canary.Url, "/metrics");
        await using var prometheus = await PrometheusServer.StartAsync(gateway.MetricsUrl, stableMetrics, canaryMetrics);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var scraped = new ScrapedStepMetrics(ScrapedStepMetricsTests.Endpoints(gateway.MetricsUrl, ("v2", canaryMetrics), ("v1", stableMetrics)), http, TimeProvider.System);
        var queried = new PrometheusStepMetrics(prometheus.Url, http, TimeProvider.System);
        var unreachable = new Uri($"http://127.0.0.1:{RegistryServer.FreePort()}");

        // Warm (uncounted): the servers' and the client's first requests are slow (JIT, connections).
        for (var i = 0; i < 50; i++)
        {
            await gateway.ForwardAsync("stable", "v1", stable.Url, sample.TestRows[i], count: false);
            await gateway.ForwardAsync("canary", "v2", canary.Url, sample.TestRows[i], count: false);
            await gateway.ForwardAsync("canary", "v2", canary.Url, ScrapedStepMetricsTests.Invalid(sample.TestRows[i]), count: false);
        }
        // Every series exists, and Prometheus holds it, before the window: increase() has no baseline for a series
        // born inside its range, where the embedded source counts it from 0. These requests are fast, so they sit in
        // the lowest buckets: see AssertAgree.
        await gateway.ForwardAsync("stable", "v1", stable.Url, sample.TestRows[0]);
        await gateway.ForwardAsync("canary", "v2", canary.Url, sample.TestRows[0]);
        await gateway.ForwardAsync("canary", "v2", canary.Url, ScrapedStepMetricsTests.Invalid(sample.TestRows[0]));
        await gateway.ForwardAsync("canary", "v2", unreachable, sample.TestRows[0]);
        await prometheus.WaitForScrapesAfterAsync(DateTimeOffset.UtcNow);

        var before = gateway.Durations.ToDictionary(d => d.Key, d => d.Value.Count);
        await scraped.BeginAsync(CancellationToken.None);
        await queried.BeginAsync(CancellationToken.None);
        // Quiet at both edges, so both sources see the same requests: Prometheus' range starts within half a second of
        // the window's (whole seconds, rounded) and its first sample in the range is a scrape later (more when a
        // loaded machine delays a scrape), so three quiet seconds keep the traffic inside; at the end, both sources wait for a scrape taken after it.
        await Task.Delay(QuietStart);
        // 3 s at 300 requests/s, a quarter to the canary, with some 400s and 502s there.
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < Traffic; i++)
        {
            var row = sample.TestRows[i % sample.TestRows.Count];
            if (i % 4 != 0) await gateway.ForwardAsync("stable", "v1", stable.Url, row);
            else if (i % 100 == 0) await gateway.ForwardAsync("canary", "v2", canary.Url, ScrapedStepMetricsTests.Invalid(row));
            else if (i % 148 == 0) await gateway.ForwardAsync("canary", "v2", unreachable, row);
            else await gateway.ForwardAsync("canary", "v2", canary.Url, row);
            while (i / RequestsPerSecond > clock.Elapsed.TotalSeconds) await Task.Delay(1);
        }
        await prometheus.WaitForScrapesAfterAsync(DateTimeOffset.UtcNow);
        var exact = await scraped.EndAsync("v2", "v1", CancellationToken.None);
        var asked = await queried.EndAsync("v2", "v1", CancellationToken.None);

        var report = $"embedded: {exact}\nPrometheus: {asked}";
        Assert.True(exact.Canary.Requests > 150 && exact.Canary.ServerErrors > 0 && exact.Canary.InvalidRequests > 0, report);
        AssertAgree(exact.Canary, asked.Canary, asked.Length, gateway.Durations["canary"].Skip(before["canary"]).ToList(), report);
        AssertAgree(exact.Stable!, asked.Stable!, asked.Length, gateway.Durations["stable"].Skip(before["stable"]).ToList(), report);
    }

    /// <summary>
    /// Counts: Prometheus' increase() over [Ns] takes the last minus the first sample inside the range — here both
    /// bracket the traffic, so the difference is the exact count — and extrapolates it to the range's edges by the
    /// share of the range the samples do not cover. At the end that is the time from the last scrape to the query,
    /// under one scrape interval (the test asks right after a scrape); at the start increase() stops where the
    /// counter would reach 0, and the warm-up left every counter near 0, so almost nothing. Hence the Prometheus
    /// count lies in [exact − 1, exact × N / (N − 1) + 1] (±1: rounding). Percentiles: the end's extrapolation
    /// scales every bucket of one target alike (they are scraped at the same instants), the start's touches the
    /// few buckets the warm-up requests reached, and the counts are rounded: a percentile's rank moves by a hair.
    /// Yet as values they can differ by a bucket's width when the rank sits at a bucket's edge (a p99 of 200
    /// requests rests on two requests), so ranks are compared: Prometheus' p_q lies between the window's exact
    /// histogram's p_(q − 0.02) and p_(q + 0.02), and the embedded source gives exactly p_q.
    /// </summary>
    static void AssertAgree(UpstreamWindow exact, UpstreamWindow asked, TimeSpan length, IReadOnlyList<double> durations, string report)
    {
        var n = Math.Round(length.TotalSeconds);
        var slack = n / (n - PrometheusServer.ScrapeInterval.TotalSeconds);
        void Count(long expected, long actual) => Assert.True(actual >= expected - 1 && actual <= expected * slack + 1, $"{actual} vs {expected} (×{slack:0.00} at most)\n{report}");
        Count(exact.Requests, asked.Requests);
        Count(exact.ServerErrors, asked.ServerErrors);
        Count(exact.InvalidRequests, asked.InvalidRequests);

        // The window's durations in the gateway's buckets (ms): the exact histogram.
        double[] bounds = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, double.PositiveInfinity];
        var counts = bounds.Select((b, i) => (long)durations.Count(d => d * 1000 <= b && (i == 0 || d * 1000 > bounds[i - 1]))).ToList();
        double Exact(double q) => HistogramQuantile.Of(bounds, counts, Math.Clamp(q, 0, 1));
        foreach (var (q, e, a) in new[] { (0.50, exact.P50Ms, asked.P50Ms), (0.95, exact.P95Ms, asked.P95Ms), (0.99, exact.P99Ms, asked.P99Ms) })
        {
            Assert.Equal(Exact(q), e!.Value, 9);
            Assert.True(a is { } y && y >= Exact(q - RankSlack) && y <= Exact(q + RankSlack),
                $"p{q * 100} {a} outside [{Exact(q - RankSlack)}, {Exact(q + RankSlack)}]\n{report}");
        }
        Assert.Equal(exact.ScoreBounds, asked.ScoreBounds);
        Assert.Equal(exact.ScoreCounts.Count, asked.ScoreCounts.Count);
        for (var i = 0; i < exact.ScoreCounts.Count; i++) Count(exact.ScoreCounts[i], asked.ScoreCounts[i]);
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

    /// <summary>The sample's package tagged v2 in a layout of its own, so its server's metrics say version="v2".</summary>
    async Task<Dictionary<string, string>> V2Async()
    {
        var layout = Path.Combine(sample.NewFolder(), "layout");
        await (await sample.V1Async()).ExportAsync(layout, "v2", CancellationToken.None);
        return sample.Environment(("TRAINYARD_MODEL_PATH", layout), ("TRAINYARD_MODEL_REFERENCE", "v2"));
    }
}
