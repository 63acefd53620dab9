using System.Net;
using System.Text;

namespace Trainyard.Tests.Gateway;

/// <summary>Per-request weighted choice between stable and canary, the pin header, and no model deployed.</summary>
public sealed class RoutingTests
{
    static StringContent Row => new("""{"Age": 41}""", Encoding.UTF8, "application/json");

    /// <summary>Sends <paramref name="count"/> predictions one after another; how many each route answered.</summary>
    static async Task<(int Stable, int Canary)> SendAsync(GatewayProcess gateway, int count)
    {
        var (stable, canary) = (0, 0);
        for (var i = 0; i < count; i++)
        {
            using var response = await gateway.Http.PostAsync("/v1/predict", Row);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var route = response.Headers.GetValues("X-Trainyard-Route").Single();
            var body = await response.Content.ReadAsStringAsync();
            // The answer's header and the upstream that really answered agree.
            Assert.Contains(route == "canary" ? "\"version\":\"v2\"" : "\"version\":\"v1\"", body);
            Assert.Equal(route == "canary" ? "v2" : "v1", response.Headers.GetValues("X-Trainyard-Version").Single());
            if (route == "canary") canary++; else stable++;
        }
        return (stable, canary);
    }

    [Theory]
    [InlineData(0, 200, 0)]
    [InlineData(100, 0, 200)]
    public async Task WeightZeroOrHundredSendsEveryRequestToOneSide(int weight, int expectedStable, int expectedCanary)
    {
        await using var v1 = await UpstreamServer.StartAsync("v1");
        await using var v2 = await UpstreamServer.StartAsync("v2");
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(GatewayProcess.State(v1, v2, weight));

        Assert.Equal((expectedStable, expectedCanary), await SendAsync(gateway, 200));
        Assert.Equal(expectedStable, v1.Received.Count);
        Assert.Equal(expectedCanary, v2.Received.Count);
    }

    [Fact]
    public async Task WeightThirtySendsAboutThirtyPercentToTheCanary()
    {
        await using var v1 = await UpstreamServer.StartAsync("v1");
        await using var v2 = await UpstreamServer.StartAsync("v2");
        await using var gateway = await GatewayProcess.StartAsync(("TRAINYARD_GATEWAY_SEED", "30"));
        await gateway.RouteAsync(GatewayProcess.State(v1, v2, 30));

        var (_, canary) = await SendAsync(gateway, 1000);
        // Binomial(1000, 0.3): mean 300, standard deviation 14.5; five deviations either side.
        Assert.InRange(canary, 300 - 73, 300 + 73);
        Assert.Equal(canary, v2.Received.Count);
    }

    [Fact]
    public async Task TheSameSeedMakesTheSameChoices()
    {
        await using var v1 = await UpstreamServer.StartAsync("v1");
        await using var v2 = await UpstreamServer.StartAsync("v2");
        var choices = new List<(int, int)>();
        for (var run = 0; run < 2; run++)
        {
            await using var gateway = await GatewayProcess.StartAsync(("TRAINYARD_GATEWAY_SEED", "7"));
            await gateway.RouteAsync(GatewayProcess.State(v1, v2, 50));
            choices.Add(await SendAsync(gateway, 100));
        }
        Assert.Equal(choices[0], choices[1]);
    }

    [Fact]
    public async Task ThePinHeaderChoosesTheUpstream()
    {
        await using var v1 = await UpstreamServer.StartAsync("v1");
        await using var v2 = await UpstreamServer.StartAsync("v2");
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(GatewayProcess.State(v1, v2, 0));

        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/predict") { Content = Row };
            request.Headers.Add("X-Trainyard-Route", "canary");
            using var response = await gateway.Http.SendAsync(request);
            Assert.Equal("canary", response.Headers.GetValues("X-Trainyard-Route").Single());
        }
        using var pinnedStable = new HttpRequestMessage(HttpMethod.Post, "/v1/predict") { Content = Row };
        pinnedStable.Headers.Add("X-Trainyard-Route", "stable");
        await gateway.RouteAsync(GatewayProcess.State(v1, v2, 100));
        using var stableAnswer = await gateway.Http.SendAsync(pinnedStable);
        Assert.Equal("stable", stableAnswer.Headers.GetValues("X-Trainyard-Route").Single());
        Assert.Equal(20, v2.Received.Count);
        Assert.Single(v1.Received);
        // The pin is the gateway's; the model server does not see it.
        Assert.All(v2.Received, headers => Assert.False(headers.ContainsKey("X-Trainyard-Route")));

        using var nonsense = new HttpRequestMessage(HttpMethod.Post, "/v1/predict") { Content = Row };
        nonsense.Headers.Add("X-Trainyard-Route", "both");
        using var refused = await gateway.Http.SendAsync(nonsense);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task WithoutAStableUpstreamTheGatewayAnswers503()
    {
        await using var gateway = await GatewayProcess.StartAsync();
        using var response = await gateway.Http.PostAsync("/v1/predict", Row);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no model deployed", await response.Content.ReadAsStringAsync());
        // The gateway itself is healthy all the same.
        Assert.Equal("ok\n", await gateway.Http.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task AnUnreachableUpstreamAnswers502AndIsCounted()
    {
        await using var gateway = await GatewayProcess.StartAsync();
        var closedPort = Registry.Distribution.RegistryServer.FreePort();
        await gateway.RouteAsync(new { stable = new { url = $"http://127.0.0.1:{closedPort}", version = "v1" }, canary_weight = 0 });

        using var response = await gateway.Http.PostAsync("/v1/predict", Row);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("stable", response.Headers.GetValues("X-Trainyard-Route").Single());
        Assert.Contains("trainyard_gateway_requests_total{upstream=\"stable\",version=\"v1\",code=\"502\"} 1\n", await gateway.MetricsAsync());
    }
}
