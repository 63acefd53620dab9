using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trainyard.Tests.Serving;

/// <summary>
/// Which threads handle requests (TRAINYARD_INLINE_IO, docs/serving.md "Threads"): on one CPU the socket's event
/// threads do, skipping the thread pool; with more, the thread pool. DOTNET_PROCESSOR_COUNT stands in for a
/// container's CPU limit: the runtime takes its CPU count from it.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class ThreadingTests(PackagedSample sample)
{
    [Fact]
    public async Task OnOneCpuTheSocketThreadsServeManyConnectionsCorrectly()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment(("DOTNET_PROCESSOR_COUNT", "1")));
        Assert.Contains("requests handled on the socket threads", await server.OutputOnceItSaysAsync("requests handled"));

        // Eight clients at once, each on its own connection, one row per request: all of them share one event thread.
        var rows = sample.TestRows;
        var answers = new JsonElement[rows.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (client, _) =>
        {
            using var http = new HttpClient { BaseAddress = server.Url };
            for (var i = client; i < rows.Count; i += 8)
            {
                using var response = await http.PostAsJsonAsync("/v1/predict", rows[i]);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                answers[i] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions")[0];
            }
        });
        sample.Split.AssertAnswers(answers);

        var wrong = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(rows[0])!;
        wrong["Age"] = JsonSerializer.SerializeToElement("forty");
        using var rejected = await server.Http.PostAsJsonAsync("/v1/predict", wrong);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal(0, await server.StopAsync());
    }

    [Theory]
    [InlineData("2", null, "by the thread pool (the process may use 2 CPUs)")]
    [InlineData("1", "off", "by the thread pool (the process may use 1 CPUs)")]
    [InlineData("2", "on", "on the socket threads")]
    public async Task TheCpuCountChoosesUnlessInlineIoIsSet(string cpus, string? inlineIo, string expected)
    {
        var environment = sample.Environment(("DOTNET_PROCESSOR_COUNT", cpus));
        if (inlineIo is not null) environment["TRAINYARD_INLINE_IO"] = inlineIo;
        await using var server = await ModelServer.StartAsync(environment);

        Assert.Contains($"requests handled {expected}", await server.OutputOnceItSaysAsync("requests handled"));
        await PredictTests.PostOkAsync(server, sample.TestRows[0]);
    }

    [Fact]
    public async Task AnUnknownInlineIoValueStopsTheServer()
    {
        var (exitCode, output) = await ModelServer.RunToExitAsync(sample.Environment(("TRAINYARD_INLINE_IO", "sometimes")));

        Assert.Equal(2, exitCode);
        Assert.Contains("TRAINYARD_INLINE_IO='sometimes' is not 'auto', 'on' or 'off'", output);
    }
}
