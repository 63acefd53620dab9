using System.Diagnostics;
using Trainyard.Tests.Registry.Distribution;

namespace Trainyard.Tests.Serving;

/// <summary>
/// <c>--probe &lt;url&gt;</c>, the image's HEALTHCHECK: the server binary run as a probe against a real server process.
/// Expected exit codes are the brief's contract (Docker's HEALTHCHECK reads 0 as healthy, 1 as unhealthy).
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class ProbeTests(PackagedSample sample)
{
    // The probe must read nothing but its own timeout: a broken model setting beside it must not matter.
    static readonly Dictionary<string, string> BrokenServingSettings = new() { ["TRAINYARD_MODEL_PATH"] = "/nonexistent", ["TRAINYARD_DRIFT_WINDOW"] = "many" };

    [Fact]
    public async Task AProbeOfAReadyServerExitsZeroWithoutReadingTheServersSettings()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        var readyz = new Uri(server.Url, "/readyz").AbsoluteUri;

        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await ModelServer.RunToExitAsync(BrokenServingSettings, "--probe", readyz);

        Assert.Equal(0, exitCode);
        Assert.Equal($"{readyz}: 200 OK", output.Trim());
        // No model loaded, no web host built: well inside a 3 s HEALTHCHECK timeout even with dotnet's start-up on a busy machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the probe took {clock.Elapsed}");
    }

    [Fact]
    public async Task AProbeWithoutAUrlAsksReadyzAtThePortOfAspNetCoreUrls()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        var port = server.Url.Port;

        // As in the image: ASPNETCORE_URLS with a wildcard host, no TRAINYARD_URLS.
        var (exitCode, output) = await ModelServer.RunToExitAsync(
            new Dictionary<string, string> { ["TRAINYARD_URLS"] = "", ["ASPNETCORE_URLS"] = $"http://+:{port}" }, "--probe");

        Assert.Equal(0, exitCode);
        Assert.Equal($"http://127.0.0.1:{port}/readyz: 200 OK", output.Trim());
    }

    [Fact]
    public async Task AProbeWithoutAUrlPrefersTrainyardUrlsAsTheServerDoes()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        var port = server.Url.Port;

        var (exitCode, output) = await ModelServer.RunToExitAsync(new Dictionary<string, string>
        {
            ["TRAINYARD_URLS"] = $"http://0.0.0.0:{port}", ["ASPNETCORE_URLS"] = $"http://+:{RegistryServer.FreePort()}",
        }, "--probe");

        Assert.Equal(0, exitCode);
        Assert.Equal($"http://127.0.0.1:{port}/readyz: 200 OK", output.Trim());
    }

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8080/readyz")]
    [InlineData(null, "http://+:8081", "http://127.0.0.1:8081/readyz")]
    [InlineData(null, "http://[::]:9000/", "http://127.0.0.1:9000/readyz")]
    [InlineData("https://example.org:8443; http://*:7000", "http://+:8081", "http://127.0.0.1:7000/readyz")]
    [InlineData("http://localhost", null, "http://127.0.0.1:80/readyz")]
    public void TheDefaultProbeUrlIsLoopbackAtTheServersFirstHttpPort(string? trainyardUrls, string? aspNetCoreUrls, string expected)
    {
        var variables = new Dictionary<string, string?> { ["TRAINYARD_URLS"] = trainyardUrls, ["ASPNETCORE_URLS"] = aspNetCoreUrls };

        Assert.Equal(expected, Trainyard.Serving.CommandLine.DefaultProbeUrl(name => variables.GetValueOrDefault(name)));
    }

    [Fact]
    public async Task AProbeOfAPortNothingListensOnExitsOneNamingTheConnectionError()
    {
        var url = $"http://127.0.0.1:{RegistryServer.FreePort()}/readyz";

        var (exitCode, output) = await ModelServer.RunToExitAsync(new Dictionary<string, string>(), "--probe", url);

        Assert.Equal(1, exitCode);
        Assert.Equal($"{url}: could not connect (Connection refused)", output.Trim());
    }

    [Fact]
    public async Task AProbeOfAServerThatIsNotReadyExitsOneWith503()
    {
        await using var server = await ModelServer.StartAsync(new Dictionary<string, string>
        {
            ["TRAINYARD_MODEL_PATH"] = await sample.ExportWithWrongExampleAsync(), ["TRAINYARD_MODEL_REFERENCE"] = "v1",
        });
        var readyz = new Uri(server.Url, "/readyz").AbsoluteUri;

        var (exitCode, output) = await ModelServer.RunToExitAsync(new Dictionary<string, string>(), "--probe", readyz);

        Assert.Equal(1, exitCode);
        Assert.Equal($"{readyz}: 503 Service Unavailable", output.Trim());
    }

    [Fact]
    public async Task AProbeTimesOutAfterTheConfiguredSeconds()
    {
        // A listener that accepts and never answers: the probe must give up on its own.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}/readyz";

        var (exitCode, output) = await ModelServer.RunToExitAsync(new Dictionary<string, string> { ["TRAINYARD_PROBE_TIMEOUT_SECONDS"] = "0.5" }, "--probe", url);

        Assert.Equal(1, exitCode);
        Assert.Equal($"{url}: no answer within 0.5 s (TRAINYARD_PROBE_TIMEOUT_SECONDS)", output.Trim());
    }

    [Theory]
    [InlineData(new[] { "--probe", "http://127.0.0.1:8080/readyz", "again" }, "--probe takes at most one URL")]
    [InlineData(new[] { "--probe", "127.0.0.1:8080/readyz" }, "--probe '127.0.0.1:8080/readyz' is not an http(s) URL")]
    [InlineData(new[] { "--port", "8080" }, "unknown arguments '--port 8080'")]
    public async Task BadArgumentsExitTwoSayingWhatIsWrong(string[] arguments, string message)
    {
        var (exitCode, output) = await ModelServer.RunToExitAsync(new Dictionary<string, string>(), arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task HelpNamesTheProbeAndTheEnvironmentVariables()
    {
        var (exitCode, output) = await ModelServer.RunToExitAsync(new Dictionary<string, string>(), "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--probe [url]", output);
        foreach (var variable in new[] { "TRAINYARD_MODEL_PATH", "TRAINYARD_MODEL", "TRAINYARD_URLS", "TRAINYARD_PROBE_TIMEOUT_SECONDS", "TRAINYARD_REGISTRY_TOKEN",
                     "TRAINYARD_FAULT_ERROR_RATE", "TRAINYARD_FAULT_DELAY_MS" })
            Assert.Contains(variable, output);
    }
}
