using System.Net;
using System.Net.Http.Json;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Gateway;

/// <summary>Real model servers behind the gateway: the sample's v1 served twice, as stable and as canary.</summary>
[Collection(ServingCollection.Name)]
public sealed class ModelServerBehindTests(PackagedSample sample)
{
    [Fact]
    public async Task PredictionsThroughTheGatewayAreTheServersOwnAnswers()
    {
        await using var stable = await ModelServer.StartAsync(sample.Environment());
        await using var canary = await ModelServer.StartAsync(sample.Environment());
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(new
        {
            stable = new { url = stable.Url.AbsoluteUri.TrimEnd('/'), version = "v1" },
            canary = new { url = canary.Url.AbsoluteUri.TrimEnd('/'), version = "v1-canary" },
            canary_weight = 50,
        });

        var routes = new Dictionary<string, int>();
        for (var i = 0; i < 40; i++)
        {
            // The same request id both ways: the server writes it in its answer, so the answers can be equal byte for byte.
            HttpRequestMessage Predict() => new(HttpMethod.Post, "/v1/predict") { Content = JsonContent.Create(sample.TestRows[i]), Headers = { { "X-Request-Id", $"row-{i}" } } };
            using var direct = await stable.Http.SendAsync(Predict());
            using var through = await gateway.Http.SendAsync(Predict());
            Assert.Equal(HttpStatusCode.OK, through.StatusCode);
            Assert.Equal(await direct.Content.ReadAsStringAsync(), await through.Content.ReadAsStringAsync());
            var route = through.Headers.GetValues("X-Trainyard-Route").Single();
            routes[route] = routes.GetValueOrDefault(route) + 1;
        }
        // The model server's own headers come through too (its request id), and both upstreams answered.
        using var last = await gateway.Http.PostAsJsonAsync("/v1/predict", sample.TestRows[0]);
        Assert.True(last.Headers.Contains("X-Request-Id"));
        Assert.True(routes.GetValueOrDefault("stable") > 0 && routes.GetValueOrDefault("canary") > 0, string.Join(", ", routes));
        var metrics = await gateway.MetricsAsync();
        Assert.Contains($"trainyard_gateway_requests_total{{upstream=\"canary\",version=\"v1-canary\",code=\"200\"}} {routes["canary"] + (last.Headers.GetValues("X-Trainyard-Route").Single() == "canary" ? 1 : 0)}\n", metrics);
    }
}
