using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trainyard.Tests.Serving;

/// <summary>TRAINYARD_FAULT_ERROR_RATE and TRAINYARD_FAULT_DELAY_MS: a server made bad on purpose, for rollout tests.</summary>
[Collection(ServingCollection.Name)]
public sealed class FaultInjectionTests(PackagedSample sample)
{
    [Fact]
    public async Task TheErrorRateAnswersAboutThatShareWith500AndTheStartLogWarns()
    {
        const int requests = 400;
        const double rate = 0.3;
        await using var server = await ModelServer.StartAsync(sample.Environment(("TRAINYARD_FAULT_ERROR_RATE", "0.3")));
        var (faults, problem) = (0, default(JsonElement));
        for (var i = 0; i < requests; i++)
        {
            using var response = await server.Http.PostAsJsonAsync("/v1/predict", sample.TestRows[i % sample.TestRows.Count]);
            if (response.StatusCode == HttpStatusCode.OK) continue;
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            faults++;
        }

        // Binomial(400, 0.3): mean 120, standard deviation √(400 · 0.3 · 0.7) ≈ 9.2; five of them either side fails
        // a correct server about once in 1.7 million runs, and a server ignoring the flag (0) or failing all (400) always.
        var sd = Math.Sqrt(requests * rate * (1 - rate));
        Assert.InRange(faults, requests * rate - 5 * sd, requests * rate + 5 * sd);
        Assert.Equal("fault injected (TRAINYARD_FAULT_ERROR_RATE)", problem.GetProperty("detail").GetString());
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        var output = await server.OutputOnceItSaysAsync("fault injection is on");
        Assert.Contains("for testing rollouts only", output);
        Assert.Contains($"trainyard_http_requests_total{{route=\"/v1/predict\",status=\"500\"}} {faults}\n", await server.Http.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task TheDelayComesBeforeEachAnswer()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment(("TRAINYARD_FAULT_DELAY_MS", "300")));
        await PredictTests.PostOkAsync(server, sample.TestRows[0]); // warm

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++) await PredictTests.PostOkAsync(server, sample.TestRows[i]);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(3 * 300), $"3 requests took {clock.Elapsed.TotalMilliseconds} ms");
        // Only /v1/predict waits: the health check answers at once.
        clock.Restart();
        using var health = await server.Http.GetAsync("/healthz");
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(300), $"/healthz took {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task BadFaultSettingsStopTheServerNamingEach()
    {
        var (exitCode, output) = await ModelServer.RunToExitAsync(sample.Environment(("TRAINYARD_FAULT_ERROR_RATE", "1.5"), ("TRAINYARD_FAULT_DELAY_MS", "-1")));

        Assert.Equal(2, exitCode);
        Assert.Contains("TRAINYARD_FAULT_ERROR_RATE='1.5' is not a share from 0 to 1", output);
        Assert.Contains("TRAINYARD_FAULT_DELAY_MS='-1' is not a whole number from 0 to 600000", output);
    }
}
