using System.Net.Http.Json;
using System.Text.Json;
using Trainyard.Serving;

namespace Trainyard.Tests.Serving;

/// <summary>Who calls the model: the X-Trainyard-Caller header (the gateway sets it) in the prediction log and in /metrics.</summary>
[Collection(ServingCollection.Name)]
public sealed class CallerTests(PackagedSample sample)
{
    [Fact]
    public async Task TheCallerIsInEachLogLineAndCountedPerCallerAndVersion()
    {
        var log = Path.Combine(sample.NewFolder(), "predictions.jsonl");
        await using var server = await ModelServer.StartAsync(sample.Environment(("TRAINYARD_PREDICTION_LOG", log)));
        await PostAsync(server, sample.TestRows.Take(3).ToArray(), "claims-app");
        await PostAsync(server, sample.TestRows[3], null);
        await PostAsync(server, sample.TestRows[4], null);

        var metrics = await server.Http.GetStringAsync("/metrics");
        Assert.Equal(0, await server.StopAsync());

        // Predictions, not requests: the batch of three counts three.
        Assert.Contains("trainyard_caller_predictions_total{caller=\"claims-app\",version=\"v1\"} 3\n", metrics);
        Assert.Contains("trainyard_caller_predictions_total{caller=\"anonymous\",version=\"v1\"} 2\n", metrics);
        var callers = (await File.ReadAllLinesAsync(log)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("caller").GetString());
        Assert.Equal(["claims-app", "anonymous", "anonymous"], callers);
    }

    [Fact]
    public async Task BeyondAHundredCallersTheRestCountAsOther()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        await PostAsync(server, sample.TestRows[0], null); // anonymous takes one of the hundred places
        for (var i = 0; i < CallerCounts.Limit + 5; i++) await PostAsync(server, sample.TestRows[0], $"client-{i:000}");

        var metrics = await server.Http.GetStringAsync("/metrics");

        var series = metrics.Split('\n').Where(l => l.StartsWith("trainyard_caller_predictions_total{", StringComparison.Ordinal)).ToList();
        Assert.Equal(CallerCounts.Limit + 1, series.Count); // the hundred, and other
        Assert.Contains("trainyard_caller_predictions_total{caller=\"client-098\",version=\"v1\"} 1", series);
        Assert.DoesNotContain(series, l => l.Contains("client-099", StringComparison.Ordinal));
        Assert.Contains("trainyard_caller_predictions_total{caller=\"other\",version=\"v1\"} 6", series);
    }

    static async Task PostAsync<T>(ModelServer server, T body, string? caller)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/predict") { Content = JsonContent.Create(body) };
        if (caller is not null) request.Headers.Add("X-Trainyard-Caller", caller);
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
