using System.Net;
using System.Text;

namespace Trainyard.Tests.Gateway;

/// <summary>Changing an upstream cuts nothing: a request in flight finishes where it started, new ones go by the new state.</summary>
public sealed class DrainTests
{
    [Fact]
    public async Task ARequestInFlightFinishesOnTheUpstreamItStartedOn()
    {
        await using var v1 = await UpstreamServer.StartAsync("v1");
        await using var v2 = await UpstreamServer.StartAsync("v2");
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(GatewayProcess.State(v1));

        var slow = gateway.Http.GetAsync("/slow");
        await v1.SlowArrived.WaitAsync(TimeSpan.FromSeconds(10));
        await gateway.RouteAsync(GatewayProcess.State(v2));
        Assert.Contains("trainyard_gateway_in_flight_requests{upstream=\"stable\",version=\"v1\"} 1\n", await gateway.MetricsAsync());

        // New requests go to v2 while the old one is still held on v1.
        for (var i = 0; i < 10; i++)
        {
            using var response = await gateway.Http.PostAsync("/v1/predict", new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.Equal("v2", response.Headers.GetValues("X-Trainyard-Version").Single());
        }
        Assert.False(slow.IsCompleted);
        v1.ReleaseSlow();
        using var finished = await slow;

        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Equal("slow answer from v1", await finished.Content.ReadAsStringAsync());
        Assert.Equal("v1", finished.Headers.GetValues("X-Trainyard-Version").Single());
        Assert.Single(v1.Received);
        Assert.Equal(10, v2.Received.Count);
        Assert.Contains("trainyard_gateway_in_flight_requests{upstream=\"stable\",version=\"v1\"} 0\n", await gateway.MetricsAsync());
    }
}
