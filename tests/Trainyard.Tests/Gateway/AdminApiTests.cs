using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Trainyard.Gateway;

namespace Trainyard.Tests.Gateway;

/// <summary>The admin API: off without a token, 401 without the right one (nothing changed), validation naming the field.</summary>
public sealed class AdminApiTests
{
    [Fact]
    public async Task WithoutATokenThereIsNoAdminListener()
    {
        await using var gateway = await GatewayProcess.StartAsync(("TRAINYARD_GATEWAY_TOKEN", null));

        await Assert.ThrowsAsync<HttpRequestException>(() => gateway.Admin.GetAsync("/admin/state"));
        // Nor does the public listener answer for the admin API: it forwards, and with no model deployed says so.
        using var viaPublic = await gateway.Http.GetAsync("/admin/state");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, viaPublic.StatusCode);
        Assert.Contains("admin API off", await gateway.OutputOnceItSaysAsync("admin API off"));
    }

    [Fact]
    public async Task MissingOrWrongTokenIsRefusedAndChangesNothing()
    {
        await using var v1 = await UpstreamServer.StartAsync("v1");
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(GatewayProcess.State(v1));
        using var anonymous = new HttpClient { BaseAddress = gateway.AdminUrl };
        var change = GatewayProcess.State(null);

        using var noToken = await anonymous.PutAsJsonAsync("/admin/state", change);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayProcess.Token + "x");
        using var wrongToken = await anonymous.PutAsJsonAsync("/admin/state", change);
        using var wrongRead = await anonymous.GetAsync("/admin/state");
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + GatewayProcess.Token)));
        using var basic = await anonymous.PutAsJsonAsync("/admin/state", change);

        foreach (var refused in new[] { noToken, wrongToken, wrongRead, basic })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
            Assert.DoesNotContain(GatewayProcess.Token, await refused.Content.ReadAsStringAsync());
        }
        var state = JsonNode.Parse(await gateway.Admin.GetStringAsync("/admin/state"))!;
        Assert.Equal(v1.Url, (string?)state["stable"]?["url"]);
        Assert.Equal(1, (long)state["generation"]!);
        using var stillRouted = await gateway.Http.PostAsync("/v1/predict", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, stillRouted.StatusCode);
    }

    [Fact]
    public async Task TheTokenIsNeverLogged()
    {
        await using var v1 = await UpstreamServer.StartAsync("v1");
        await using var gateway = await GatewayProcess.StartAsync();
        await gateway.RouteAsync(GatewayProcess.State(v1));
        using var wrong = new HttpClient { BaseAddress = gateway.AdminUrl };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "guess-" + GatewayProcess.Token);
        using var refused = await wrong.GetAsync("/admin/state");
        await gateway.Admin.GetStringAsync("/admin/state");
        using var help = await gateway.Http.GetAsync("/metrics");

        var output = await gateway.OutputOnceItSaysAsync("wrong bearer token");
        Assert.Contains("routing state 1", output);
        Assert.Contains("wrong bearer token", output);
        Assert.DoesNotContain(GatewayProcess.Token, output);
        Assert.DoesNotContain(GatewayProcess.Token, await help.Content.ReadAsStringAsync());
    }

    [Fact]
    public void TheAdminApiIsOnLoopbackByDefault()
    {
        var (options, problems) = GatewayOptions.Read(name => name == GatewayOptions.TokenVariable ? "t0ken" : null);

        Assert.Empty(problems);
        Assert.Equal("http://127.0.0.1:9080", options!.AdminUrls);
        Assert.True(options.AdminOnLoopback);
        Assert.Equal("http://0.0.0.0:8080", options.Urls);
        Assert.False((options with { AdminUrls = "http://0.0.0.0:9080" }).AdminOnLoopback);
    }

    [Fact]
    public async Task AnAdminApiBeyondLoopbackIsWarnedAbout()
    {
        var port = Registry.Distribution.RegistryServer.FreePort();
        await using var gateway = await GatewayProcess.StartAsync(("TRAINYARD_GATEWAY_ADMIN_URLS", $"http://0.0.0.0:{port}"));
        Assert.Contains("the admin API listens beyond this host", await gateway.OutputOnceItSaysAsync("beyond this host"));
    }

    [Theory]
    [InlineData("""{"stable": {"url": "http://127.0.0.1:1", "version": "v1"}, "canary_weight": 101}""", "canary_weight")]
    [InlineData("""{"stable": {"url": "http://127.0.0.1:1", "version": "v1"}, "canary_weight": -1}""", "canary_weight")]
    [InlineData("""{"stable": {"url": "http://127.0.0.1:1", "version": "v1"}, "canary_weight": 10}""", "canary_weight")]
    [InlineData("""{"stable": {"url": "127.0.0.1:8081", "version": "v1"}, "canary_weight": 0}""", "stable.url")]
    [InlineData("""{"stable": {"url": "ftp://127.0.0.1:8081", "version": "v1"}, "canary_weight": 0}""", "stable.url")]
    [InlineData("""{"stable": {"url": "http://127.0.0.1:1", "version": "v1"}, "canary": {"url": "/relative", "version": "v2"}, "canary_weight": 5}""", "canary.url")]
    [InlineData("""{"stable": {"url": "http://127.0.0.1:1", "version": "v1"}, "canary_weight": "ten"}""", "canary_weight")]
    [InlineData("""{"stable": {"url": "http://127.0.0.1:1", "version": "v1"}, "canary_wieght": 10}""", "canary_wieght")]
    [InlineData("""{"stable": null, "clients": [{"name": "Claims App", "key_sha256": "00"}]}""", "clients[0].name")]
    [InlineData("""{"stable": null, "clients": [{"name": "claims-app", "key_sha256": "00"}]}""", "clients[0].key_sha256")]
    public async Task AnInvalidStateIsRefusedNamingTheField(string body, string field)
    {
        await using var gateway = await GatewayProcess.StartAsync();

        using var response = await gateway.Admin.PutAsync("/admin/state", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(problem["errors"]?.AsObject().ContainsKey(field), $"the problem names {field}: {problem}");
        Assert.Equal(0, (long)JsonNode.Parse(await gateway.Admin.GetStringAsync("/admin/state"))!["generation"]!);
    }

    [Fact]
    public async Task ClientsLeftOutOfAPutStayAsTheyWereAndAreShownByNameOnly()
    {
        await using var v1 = await UpstreamServer.StartAsync("v1");
        await using var v2 = await UpstreamServer.StartAsync("v2");
        await using var gateway = await GatewayProcess.StartAsync();
        var hash = CallerKeyTests.Sha256("claims-key-1");
        await gateway.RouteAsync(GatewayProcess.State(v1, clients: [new { name = "claims-app", key_sha256 = hash }]));

        var changed = await gateway.RouteAsync(GatewayProcess.State(v1, v2, 25));

        Assert.Equal(2, (long)changed["generation"]!);
        Assert.Equal(25, (int)changed["canary_weight"]!);
        Assert.Equal("claims-app", (string?)changed["clients"]![0]!["name"]);
        var shown = await gateway.Admin.GetStringAsync("/admin/state");
        Assert.Contains("claims-app", shown);
        Assert.DoesNotContain(hash, shown);
        Assert.DoesNotContain("key_sha256", shown);
    }

    [Fact]
    public async Task TheStateFileKeepsTheRoutingAcrossARestart()
    {
        await using var v1 = await UpstreamServer.StartAsync("v1");
        await using var v2 = await UpstreamServer.StartAsync("v2");
        var folder = Directory.CreateTempSubdirectory("trainyard-gateway-").FullName;
        try
        {
            var file = Path.Combine(folder, "routing.json");
            await using (var first = await GatewayProcess.StartAsync(("TRAINYARD_GATEWAY_STATE_FILE", file)))
            {
                await first.RouteAsync(GatewayProcess.State(v1, v2, 40));
                await first.RouteAsync(GatewayProcess.State(v1, v2, 60));
            }
            Assert.Equal(["routing.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
            await using var second = await GatewayProcess.StartAsync(("TRAINYARD_GATEWAY_STATE_FILE", file));
            var state = JsonNode.Parse(await second.Admin.GetStringAsync("/admin/state"))!;
            Assert.Equal(60, (int)state["canary_weight"]!);
            Assert.Equal(2, (long)state["generation"]!);
            Assert.Equal(v2.Url, (string?)state["canary"]?["url"]);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
