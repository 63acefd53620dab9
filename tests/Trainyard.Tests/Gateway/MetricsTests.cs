using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Trainyard.Tests.Gateway;

/// <summary>/metrics: requests by upstream, version and code; cumulative latency buckets; the in-flight gauge; the weight.</summary>
public sealed partial class MetricsTests
{
    [Fact]
    public async Task RequestsAreCountedByUpstreamVersionAndCode()
    {
        await using var v1 = await UpstreamServer.StartAsync("v1");
        await using var v2 = await UpstreamServer.StartAsync("v2");
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(GatewayProcess.State(v1, v2, 0));

        for (var i = 0; i < 7; i++) (await gateway.Http.PostAsync("/v1/predict", new StringContent("{}", Encoding.UTF8, "application/json"))).Dispose();
        for (var i = 0; i < 3; i++) (await gateway.Http.GetAsync("/no/such/route")).Dispose(); // the upstream's 404, counted as such
        using (var pinned = new HttpRequestMessage(HttpMethod.Post, "/v1/predict") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
        {
            pinned.Headers.Add("X-Trainyard-Route", "canary");
            (await gateway.Http.SendAsync(pinned)).Dispose();
        }
        await gateway.RouteAsync(GatewayProcess.State(v1, v2, 35));
        var metrics = await gateway.MetricsAsync();

        Assert.Contains("trainyard_gateway_requests_total{upstream=\"stable\",version=\"v1\",code=\"200\"} 7\n", metrics);
        Assert.Contains("trainyard_gateway_requests_total{upstream=\"stable\",version=\"v1\",code=\"404\"} 3\n", metrics);
        Assert.Contains("trainyard_gateway_requests_total{upstream=\"canary\",version=\"v2\",code=\"200\"} 1\n", metrics);
        Assert.Contains("trainyard_gateway_request_duration_seconds_count{upstream=\"stable\",version=\"v1\"} 10\n", metrics);
        Assert.Contains("trainyard_gateway_in_flight_requests{upstream=\"stable\",version=\"v1\"} 0\n", metrics);
        Assert.Contains("trainyard_gateway_canary_weight 35\n", metrics);
        Assert.Contains("# TYPE trainyard_gateway_request_duration_seconds histogram\n", metrics);

        // The buckets: the contract's bounds in order, counts never decreasing, +Inf equal to the count.
        var buckets = Bucket().Matches(metrics).Select(m => (Le: m.Groups[1].Value, Count: long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(["0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"], buckets.Select(b => b.Le));
        Assert.True(buckets.Zip(buckets.Skip(1)).All(pair => pair.First.Count <= pair.Second.Count), metrics);
        Assert.Equal(10, buckets[^1].Count);
        Assert.True(buckets[^1].Count > buckets[0].Count || buckets[0].Count == 10);
    }

    [GeneratedRegex("""trainyard_gateway_request_duration_seconds_bucket\{upstream="stable",version="v1",le="([^"]+)"\} (\d+)""")]
    private static partial Regex Bucket();
}
