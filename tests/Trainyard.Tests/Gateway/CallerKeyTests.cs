using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Trainyard.Tests.Gateway;

/// <summary>Caller keys: no valid key, no model; a valid key reaches the model as the caller's name, never as the key.</summary>
public sealed class CallerKeyTests
{
    const string ClaimsKey = "claims-secret-key-8d41f0c2";
    const string AuditKey = "audit-secret-key-1b9e77aa";

    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    static object[] Clients => [new { name = "claims-app", key_sha256 = Sha256(ClaimsKey) }, new { name = "audit", key_sha256 = Sha256(AuditKey) }];

    static HttpRequestMessage Predict(string? key, string? claimedCaller = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/predict") { Content = new StringContent("""{"Age": 41}""", Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Add("X-Trainyard-Key", key);
        if (claimedCaller is not null) request.Headers.Add("X-Trainyard-Caller", claimedCaller);
        return request;
    }

    [Fact]
    public async Task WithoutAValidKeyNoRequestReachesAModel()
    {
        await using var v1 = await UpstreamServer.StartAsync("v1");
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(GatewayProcess.State(v1, clients: Clients));

        foreach (var key in new string?[] { null, "", "wrong-key", ClaimsKey.ToUpperInvariant(), ClaimsKey[..^1], Sha256(ClaimsKey) })
        {
            using var request = Predict(key, claimedCaller: "claims-app");
            using var response = await gateway.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(v1.Received);
        Assert.Contains("trainyard_gateway_unauthorized_requests_total 6\n", await gateway.MetricsAsync());
    }

    [Fact]
    public async Task AValidKeyReachesTheModelAsTheCallersName()
    {
        await using var v1 = await UpstreamServer.StartAsync("v1");
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(GatewayProcess.State(v1, clients: Clients));

        using (var request = Predict(ClaimsKey, claimedCaller: "audit"))
        using (var response = await gateway.Http.SendAsync(request))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var request = Predict(AuditKey))
        using (var response = await gateway.Http.SendAsync(request))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var received = v1.Received.ToList();
        Assert.Equal(["claims-app", "audit"], received.Select(h => h["X-Trainyard-Caller"].ToString()));
        Assert.All(received, headers => Assert.False(headers.ContainsKey("X-Trainyard-Key")));

        var metrics = await gateway.MetricsAsync();
        Assert.Contains("trainyard_gateway_caller_requests_total{caller=\"claims-app\",version=\"v1\"} 1\n", metrics);
        Assert.Contains("trainyard_gateway_caller_requests_total{caller=\"audit\",version=\"v1\"} 1\n", metrics);
        var output = await gateway.OutputOnceItSaysAsync("callers [claims-app, audit]");
        foreach (var secret in new[] { ClaimsKey, AuditKey })
        {
            Assert.DoesNotContain(secret, metrics);
            Assert.DoesNotContain(secret, output);
        }
        Assert.Contains("callers [claims-app, audit]", output);
    }

    [Fact]
    public async Task WithoutCallersAnyoneIsForwardedAndNoClaimedCallerPassesThrough()
    {
        await using var v1 = await UpstreamServer.StartAsync("v1");
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(GatewayProcess.State(v1));

        using var request = Predict("some-key", claimedCaller: "claims-app");
        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = Assert.Single(v1.Received);
        Assert.False(headers.ContainsKey("X-Trainyard-Caller"));
        Assert.False(headers.ContainsKey("X-Trainyard-Key"));
        Assert.DoesNotContain("trainyard_gateway_caller_requests_total", await gateway.MetricsAsync());
    }
}
