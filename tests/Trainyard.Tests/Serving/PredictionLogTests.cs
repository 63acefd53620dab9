using System.Net.Http.Json;
using System.Text.Json;

namespace Trainyard.Tests.Serving;

[Collection(ServingCollection.Name)]
public sealed class PredictionLogTests(PackagedSample sample)
{
    [Fact]
    public async Task EachPredictionIsOneJsonLineWithInputsOutputsDigestAndRequestId()
    {
        var log = Path.Combine(sample.NewFolder(), "predictions.jsonl");
        await using var server = await ModelServer.StartAsync(sample.Environment(("TRAINYARD_PREDICTION_LOG", log)));
        var answers = new List<JsonElement>();
        for (var i = 0; i < 10; i++) answers.Add(await PredictTests.PostOkAsync(server, sample.TestRows[i]));
        await PredictTests.PostOkAsync(server, sample.TestRows.Take(5).ToArray());

        // Graceful shutdown drains the queue: every answered request is in the file after exit.
        Assert.Equal(0, await server.StopAsync());

        var lines = await File.ReadAllLinesAsync(log);
        Assert.Equal(11, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(answers[0].GetProperty("request_id").GetString(), first.GetProperty("request_id").GetString());
        Assert.Equal(answers[0].GetProperty("model").GetProperty("digest").GetString(), first.GetProperty("model_digest").GetString());
        Assert.Equal("v1", first.GetProperty("model_version").GetString());
        Assert.True(first.GetProperty("latency_ms").GetDouble() > 0);
        Assert.True(JsonElement.DeepEquals(sample.TestRows[0], first.GetProperty("inputs")));
        Assert.Equal(answers[0].GetProperty("predictions")[0].GetRawText(), first.GetProperty("outputs")[0].GetRawText());
        Assert.Equal(5, JsonDocument.Parse(lines[10]).RootElement.GetProperty("outputs").GetArrayLength());
    }

    [Fact]
    public async Task TheLogRotatesWithinItsSizeAndFileLimits()
    {
        var log = Path.Combine(sample.NewFolder(), "predictions.jsonl");
        await using var server = await ModelServer.StartAsync(sample.Environment(
            ("TRAINYARD_PREDICTION_LOG", log), ("TRAINYARD_PREDICTION_LOG_MAX_BYTES", "8192"), ("TRAINYARD_PREDICTION_LOG_FILES", "3")));
        for (var i = 0; i < 200; i++) await PredictTests.PostOkAsync(server, sample.TestRows[i]);
        Assert.Equal(0, await server.StopAsync());

        var files = Directory.GetFiles(Path.GetDirectoryName(log)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([log, log + ".1", log + ".2"], files);
        Assert.All(files, file => Assert.InRange(new FileInfo(file).Length, 1, 8192));
        // The newest line is in the current file; older files hold older requests.
        var newest = File.ReadAllLines(log).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("inputs")).Last();
        Assert.True(JsonElement.DeepEquals(sample.TestRows[199], newest));
    }

    [Fact]
    public async Task AServerKilledUnderLoadLeavesOnlyWholeLines()
    {
        var log = Path.Combine(sample.NewFolder(), "predictions.jsonl");
        var server = await ModelServer.StartAsync(sample.Environment(("TRAINYARD_PREDICTION_LOG", log)));
        var batch = sample.TestRows.Take(50).ToArray();
        using var stop = new CancellationTokenSource();
        async Task LoadAsync()
        {
            while (!stop.IsCancellationRequested)
                try { using var _ = await server.Http.PostAsJsonAsync("/v1/predict", batch, stop.Token); }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException) { return; }
        }
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(LoadAsync)).ToList();
        while (!File.Exists(log) || new FileInfo(log).Length < 2_000_000) await Task.Delay(20);

        await server.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        await server.DisposeAsync();

        // Linux may end a write cut by SIGKILL between pages, so at most the last line is torn; every line before it is whole.
        var text = await File.ReadAllTextAsync(log);
        var whole = text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(whole.Length > 100, $"only {whole.Length} lines written before the kill");
        Assert.All(whole, line => Assert.Equal(50, JsonDocument.Parse(line).RootElement.GetProperty("outputs").GetArrayLength()));

        // The next server on the same log cuts a torn last line before appending, so every line parses again.
        await using (var next = await ModelServer.StartAsync(sample.Environment(("TRAINYARD_PREDICTION_LOG", log))))
        {
            await PredictTests.PostOkAsync(next, sample.TestRows[0]);
            Assert.Equal(0, await next.StopAsync());
        }
        var lines = await File.ReadAllLinesAsync(log);
        Assert.Equal(whole.Length + 1, lines.Length);
        Assert.All(lines, line => JsonDocument.Parse(line));
    }

    [Fact]
    public async Task ATornLastLineIsCutWhenTheNextServerOpensTheLog()
    {
        var log = Path.Combine(sample.NewFolder(), "predictions.jsonl");
        await File.WriteAllTextAsync(log, "{\"request_id\":\"a\"}\n{\"request_id\":\"b\"}\n{\"request_id\":\"c\",\"inp");
        await using (var server = await ModelServer.StartAsync(sample.Environment(("TRAINYARD_PREDICTION_LOG", log))))
        {
            await PredictTests.PostOkAsync(server, sample.TestRows[0]);
            Assert.Equal(0, await server.StopAsync());
        }
        var ids = (await File.ReadAllLinesAsync(log)).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("request_id").GetString()).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(["a", "b"], ids.Take(2));
    }
}
