using System.Text.Json;
using Trainyard.Deploy.Metrics;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Deploy.Metrics;

/// <summary>The embedded source: two scrapes of the gateway's and the servers' /metrics, the window their difference.</summary>
[Collection(ServingCollection.Name)]
public sealed class ScrapedStepMetricsTests(PackagedSample sample)
{
    [Fact]
    public async Task AWindowIsEndMinusBeginAndARestartedCounterCountsFromZero()
    {
        var gateway = Gateway(canary200: 100, canary500: 5, canary400: 2, canary503: null, stable200: 1000, fast: 10, medium: 50, all: 60);
        var canaryScores = Scores(version: "v2", belowHalf: 30, all: 40);
        var stableScores = Scores(version: "v1", belowHalf: 10, all: 20);
        await using var gatewayExporter = new TextExporter(() => gateway);
        await using var canaryServer = new TextExporter(() => canaryScores);
        await using var stableServer = new TextExporter(() => stableScores);
        using var http = new HttpClient();
        var metrics = new ScrapedStepMetrics(Endpoints(gatewayExporter.Url, ("v2", canaryServer.Url), ("v1", stableServer.Url)), http, TimeProvider.System);

        await metrics.BeginAsync(CancellationToken.None);
        // In the window: 60 more 200s; the 500 counter fell from 5 to 3 (the gateway restarted: 3 new); a 503 series
        // appeared (4 new); the canary's server restarted too (its score buckets start again from 0).
        gateway = Gateway(canary200: 160, canary500: 3, canary400: 2, canary503: 4, stable200: 1500, fast: 20, medium: 150, all: 160);
        canaryScores = Scores(version: "v2", belowHalf: 5, all: 12);
        stableScores = Scores(version: "v1", belowHalf: 25, all: 50);
        var window = await metrics.EndAsync("v2", "v1", CancellationToken.None);

        Assert.Equal(("canary", "v2", 67L, 7L, 0L), (window.Canary.Upstream, window.Canary.Version, window.Canary.Requests, window.Canary.ServerErrors, window.Canary.InvalidRequests));
        Assert.Equal(500, window.Stable!.Requests);
        // Duration buckets' increments 10 (≤ 1 ms), 90 (≤ 10 ms), 0: p50 = 1 + 9 × 40/90 ms, p99 = 1 + 9 × 89/90 ms.
        Assert.Equal(5.0, window.Canary.P50Ms!.Value, 9);
        Assert.Equal(9.9, window.Canary.P99Ms!.Value, 9);
        Assert.Null(window.Stable.P99Ms); // the stable upstream has no duration series here: no percentile, not 0
        Assert.Equal([0.5, double.PositiveInfinity], window.Canary.ScoreBounds);
        Assert.Equal([5L, 7L], window.Canary.ScoreCounts);
        Assert.Equal([15L, 15L], window.Stable.ScoreCounts);
        Assert.True(window.Length > TimeSpan.Zero);
    }

    [Fact]
    public async Task RealRequestsToRealServersAreCountedExactly()
    {
        await using var servers = await RoutedServers.StartAsync(sample, weight: 0);
        using var http = new HttpClient();
        var metrics = new ScrapedStepMetrics(servers.Endpoints, http, TimeProvider.System);
        await servers.PredictAsync(sample.TestRows[0], "stable"); // before the window: not counted

        await metrics.BeginAsync(CancellationToken.None);
        var stableSeconds = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var answer = await servers.PredictAsync(sample.TestRows[i], i % 4 == 0 ? "canary" : "stable");
            Assert.Equal(200, answer.Status);
            if (answer.Route == "stable") stableSeconds.Add(answer.Seconds);
        }
        for (var i = 0; i < 5; i++) Assert.Equal(400, (await servers.PredictAsync(Invalid(sample.TestRows[i]), "canary")).Status);
        // The canary's server gone (its URL now one nobody listens on): the gateway answers 502 and counts it as v2's.
        await servers.RouteAsync(0, canaryUrl: new Uri($"http://127.0.0.1:{Registry.Distribution.RegistryServer.FreePort()}"));
        for (var i = 0; i < 3; i++) Assert.Equal(502, (await servers.PredictAsync(sample.TestRows[i], "canary")).Status);
        var window = await metrics.EndAsync("v2", "v1", CancellationToken.None);

        Assert.Equal((58L, 3L, 5L), (window.Canary.Requests, window.Canary.ServerErrors, window.Canary.InvalidRequests));
        Assert.Equal((150L, 0L, 0L), (window.Stable!.Requests, window.Stable.ServerErrors, window.Stable.InvalidRequests));
        // The gateway times a request from its arrival to the answer's end, inside the time this test measured for it,
        // so its p95 lies at or below the bucket that holds the p95 measured here.
        var measured = stableSeconds.Order().ToList()[(int)Math.Ceiling(0.95 * 150) - 1] * 1000;
        Assert.InRange(window.Stable.P95Ms!.Value, 0, Bucket(measured).Upper);
        Assert.True(window.Stable.P50Ms <= window.Stable.P95Ms && window.Stable.P95Ms <= window.Stable.P99Ms);
        // The servers' score histogram: one observation per prediction the canary served in the window.
        Assert.Equal(50, window.Canary.ScoreCounts.Sum());
        Assert.Equal(150, window.Stable.ScoreCounts.Sum());
    }

    [Fact]
    public async Task AScrapeThatFailsNamesTheUrl()
    {
        await using var broken = new TextExporter(() => "oops") { Status = 500 };
        using var http = new HttpClient();
        var dead = new Uri($"http://127.0.0.1:{Registry.Distribution.RegistryServer.FreePort()}/metrics");

        var refused = await Assert.ThrowsAsync<TrainyardException>(() => new ScrapedStepMetrics(Endpoints(dead), http, TimeProvider.System).BeginAsync(CancellationToken.None));
        var failed = await Assert.ThrowsAsync<TrainyardException>(() => new ScrapedStepMetrics(Endpoints(broken.Url), http, TimeProvider.System).BeginAsync(CancellationToken.None));

        Assert.StartsWith($"could not scrape metrics from {dead}: ", refused.Message);
        Assert.Equal($"{broken.Url} answered 500 Internal Server Error to a metrics scrape: oops", failed.Message);
    }

    internal static DeployEndpoints Endpoints(Uri gateway, params (string Version, Uri Url)[] servers) =>
        new(gateway, servers.ToDictionary(s => s.Version, s => s.Url));

    /// <summary>A row the server rejects with 400 (a number column holding a word).</summary>
    internal static Dictionary<string, JsonElement> Invalid(JsonElement row)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(row)!;
        fields["Age"] = JsonSerializer.SerializeToElement("forty");
        return fields;
    }

    static readonly double[] BoundsMs = [0, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, double.PositiveInfinity];

    static (double Lower, double Upper) Bucket(double ms)
    {
        var upper = Array.FindIndex(BoundsMs, b => ms <= b);
        return (BoundsMs[Math.Max(0, upper - 1)], BoundsMs[upper]);
    }

    static string Gateway(long canary200, long canary500, long canary400, long? canary503, long stable200, long fast, long medium, long all) => $$"""
        # TYPE trainyard_gateway_requests_total counter
        trainyard_gateway_requests_total{upstream="canary",version="v2",code="200"} {{canary200}}
        trainyard_gateway_requests_total{upstream="canary",version="v2",code="500"} {{canary500}}
        trainyard_gateway_requests_total{upstream="canary",version="v2",code="400"} {{canary400}}
        {{(canary503 is { } n ? $"trainyard_gateway_requests_total{{upstream=\"canary\",version=\"v2\",code=\"503\"}} {n}" : "")}}
        trainyard_gateway_requests_total{upstream="stable",version="v1",code="200"} {{stable200}}
        # TYPE trainyard_gateway_request_duration_seconds histogram
        trainyard_gateway_request_duration_seconds_bucket{upstream="canary",version="v2",le="0.001"} {{fast}}
        trainyard_gateway_request_duration_seconds_bucket{upstream="canary",version="v2",le="0.01"} {{medium}}
        trainyard_gateway_request_duration_seconds_bucket{upstream="canary",version="v2",le="+Inf"} {{all}}
        trainyard_gateway_request_duration_seconds_count{upstream="canary",version="v2"} {{all}}
        """;

    static string Scores(string version, long belowHalf, long all) => $$"""
        # TYPE trainyard_prediction_score histogram
        trainyard_prediction_score_bucket{version="{{version}}",le="0.5"} {{belowHalf}}
        trainyard_prediction_score_bucket{version="{{version}}",le="+Inf"} {{all}}
        trainyard_prediction_score_count{version="{{version}}"} {{all}}
        """;
}
