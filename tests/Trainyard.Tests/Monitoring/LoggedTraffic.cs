using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Trainyard.Monitoring;
using Trainyard.Pipelines;
using Trainyard.Registry;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Monitoring;

/// <summary>
/// Real prediction logs for Monitor's tests: the packaged credit-risk sample's v1 served by the real model server
/// (its own process) with TRAINYARD_PREDICTION_LOG set, sent the test split's rows (or shifted copies), stopped
/// gracefully so every answered request is in the file. Plus the sample's registry copied, with v1 in production.
/// </summary>
internal static class LoggedTraffic
{
    public const string Log = "credit-risk-v1.jsonl";
    public const int Batch = 50;

    public static string Root(PackagedSample sample) => Path.GetFullPath(Path.Combine(sample.Layout, "../../.."));

    public static PipelineSpec Spec(PackagedSample sample, MonitorSpec? monitor = null) =>
        PipelineSpec.Load(Path.Combine(Root(sample), "pipelines/credit-risk.yml")) with { Monitor = monitor ?? new MonitorSpec() };

    /// <summary>Serves v1, posts <paramref name="rows"/> in batches (request ids <c>batch-0</c>, <c>batch-1</c> …), and returns the log folder.</summary>
    /// <param name="whileServing">Runs before the server stops (to read /metrics).</param>
    public static async Task<string> LogAsync(PackagedSample sample, IReadOnlyList<JsonElement> rows, Func<ModelServer, Task>? whileServing = null,
        params (string Name, string Value)[] environment)
    {
        var folder = sample.NewFolder();
        await LogToAsync(sample, rows, Path.Combine(folder, Log), whileServing, environment);
        return folder;
    }

    /// <summary>As <see cref="LogAsync"/>, into the log file <paramref name="log"/>; the environment may serve another layout or version.</summary>
    /// <param name="requests">The request ids' prefix (<c>batch</c>: <c>batch-0</c> …), distinct per log when labels join two.</param>
    public static async Task LogToAsync(PackagedSample sample, IReadOnlyList<JsonElement> rows, string log, Func<ModelServer, Task>? whileServing = null,
        (string Name, string Value)[]? environment = null, string requests = "batch")
    {
        environment ??= [];
        await using var server = await ModelServer.StartAsync(sample.Environment([("TRAINYARD_PREDICTION_LOG", log), .. environment]));
        var k = 0;
        foreach (var chunk in rows.Chunk(Batch))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/predict") { Content = JsonContent.Create(chunk) };
            request.Headers.Add("X-Request-Id", $"{requests}-{k++}");
            request.Headers.Add(Trainyard.Serving.PredictHandler.CallerHeader, k % 3 == 0 ? "billing" : "web");
            using var response = await server.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
        if (whileServing is not null) await whileServing(server);
        Assert.Equal(0, await server.StopAsync());
    }

    /// <summary>The rows with <paramref name="shift"/> applied to the named numeric columns (a missing value stays missing).</summary>
    public static IReadOnlyList<JsonElement> Shifted(IEnumerable<JsonElement> rows, params (string Column, Func<double, double> Shift)[] shifts) =>
        [.. rows.Select(row =>
        {
            var node = JsonNode.Parse(row.GetRawText())!.AsObject();
            foreach (var (column, shift) in shifts)
                if (node[column] is JsonValue value && value.TryGetValue<double>(out var x)) node[column] = shift(x);
            return JsonSerializer.SerializeToElement(node);
        })];

    /// <summary>A copy of the sample's registry with v1 holding <c>production</c>, so tests never move the shared fixture's aliases.</summary>
    public static async Task<ModelRegistry> ProductionRegistryAsync(PackagedSample sample)
    {
        var folder = Path.Combine(sample.NewFolder(), "registry");
        Copy(sample.Layout, Path.Combine(folder, "credit-risk"));
        var registry = new ModelRegistry(RegistryStore.Open(folder, Root(sample), new RegistryCredentials(null, null, null)), "credit-risk");
        await registry.MoveAliasAsync(AliasName.Production, "v1", "monitor tests", "tests", CancellationToken.None);
        return registry;
    }

    static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The true labels of the test split, in predictions.csv order (the rows' order).</summary>
    public static IReadOnlyList<string> TrueLabels(PackagedSample sample) =>
        [.. File.ReadLines(Path.Combine(Root(sample), "artifacts/credit-risk/predictions.csv")).Skip(1).Select(line => line.Split(',')[1])];

    /// <summary>Monitor over a log folder, the window around now.</summary>
    public static async Task<Artifacts.Monitoring.MonitorReport> MonitorAsync(PipelineSpec spec, ModelRegistry registry, string folder, LiveLabels? labels = null,
        LogWindow? window = null)
    {
        var now = DateTimeOffset.UtcNow;
        var request = new MonitorRequest(spec, window ?? new LogWindow(now - TimeSpan.FromHours(1), now + TimeSpan.FromMinutes(1)),
            PredictionLogReader.FilesOf(folder), folder, labels);
        return await MonitorRun.RunAsync(request, registry, now, CancellationToken.None);
    }

    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
