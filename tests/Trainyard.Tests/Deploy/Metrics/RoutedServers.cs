using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Trainyard.Deploy.Metrics;
using Trainyard.Tests.Gateway;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Deploy.Metrics;

/// <summary>
/// What a canary step measures, all real: the sample's model served twice (stable as v1, canary as v2, each its own
/// Trainyard.Serving process), behind a Trainyard.Gateway process (as the Gateway tests run it) routing by weight.
/// </summary>
internal sealed class RoutedServers : IAsyncDisposable
{
    RoutedServers(ModelServer stable, ModelServer canary, GatewayProcess gateway)
    {
        Stable = stable;
        Canary = canary;
        Gateway = gateway;
    }

    public ModelServer Stable { get; }
    public ModelServer Canary { get; }
    public GatewayProcess Gateway { get; }
    public Uri GatewayMetrics => new(Gateway.Url, "/metrics");
    public Uri StableMetrics => new(Stable.Url, "/metrics");
    public Uri CanaryMetrics => new(Canary.Url, "/metrics");
    public DeployEndpoints Endpoints => new(GatewayMetrics, new Dictionary<string, Uri> { ["v2"] = CanaryMetrics, ["v1"] = StableMetrics });

    /// <summary>Starts both servers (the canary's with <paramref name="canaryEnvironment"/> added: its fault flags) and the gateway, routing <paramref name="weight"/>% to the canary.</summary>
    public static async Task<RoutedServers> StartAsync(PackagedSample sample, int weight, params (string Name, string Value)[] canaryEnvironment)
    {
        var stable = ModelServer.StartAsync(sample.Environment());
        var canary = ModelServer.StartAsync(await V2Async(sample, canaryEnvironment));
        var gateway = GatewayProcess.StartAsync();
        try { await Task.WhenAll(stable, canary, gateway); }
        catch
        {
            // Whichever started is stopped, so a failed start leaves no process behind.
            foreach (var started in new IAsyncDisposable?[] { Started(stable), Started(canary), Started(gateway) })
                if (started is not null) await started.DisposeAsync();
            throw;
        }
        var servers = new RoutedServers(stable.Result, canary.Result, gateway.Result);
        try { await servers.RouteAsync(weight); }
        catch { await servers.DisposeAsync(); throw; }
        return servers;

        static T? Started<T>(Task<T> start) where T : class => start.IsCompletedSuccessfully ? start.Result : null;
    }

    /// <summary>The sample's package tagged v2 in a layout of its own, so the canary's metrics say version="v2".</summary>
    static async Task<Dictionary<string, string>> V2Async(PackagedSample sample, (string Name, string Value)[] more)
    {
        var layout = Path.Combine(sample.NewFolder(), "layout");
        await (await sample.V1Async()).ExportAsync(layout, "v2", CancellationToken.None);
        return sample.Environment([("TRAINYARD_MODEL_PATH", layout), ("TRAINYARD_MODEL_REFERENCE", "v2"), .. more]);
    }

    /// <summary>Routes through the admin API: stable → v1's server, canary → v2's (or <paramref name="canaryUrl"/>), under these version labels.</summary>
    public Task RouteAsync(int weight, string stableVersion = "v1", string canaryVersion = "v2", Uri? canaryUrl = null) => Gateway.RouteAsync(new
    {
        stable = new { url = Stable.Url.AbsoluteUri.TrimEnd('/'), version = stableVersion },
        canary = new { url = (canaryUrl ?? Canary.Url).AbsoluteUri.TrimEnd('/'), version = canaryVersion },
        canary_weight = weight,
    });

    /// <summary>POSTs <paramref name="body"/> to the gateway's /v1/predict (pinned to an upstream when given): the status, the upstream that answered, the seconds it took here.</summary>
    public async Task<Answer> PredictAsync(object body, string? pin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/predict") { Content = JsonContent.Create(body) };
        if (pin is not null) request.Headers.Add("X-Trainyard-Route", pin);
        var start = Stopwatch.GetTimestamp();
        using var response = await Gateway.Http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var route = response.Headers.TryGetValues("X-Trainyard-Route", out var values) ? values.Single() : "";
        return new Answer((int)response.StatusCode, route, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>
    /// The first requests of a process are slow (JIT, connections): these go through while the gateway labels both
    /// upstreams "warm", so the series the window reads (labelled v1 and v2) stay near 0 — Prometheus' increase()
    /// extrapolates a range's start only down to where a counter would reach 0. Then routes by <paramref name="weight"/>.
    /// Many at once, so a slow canary warms in a few of its delays, and the connection pools fill as under load.
    /// </summary>
    public async Task WarmAsync(PackagedSample sample, int weight)
    {
        await RouteAsync(50, "warm", "warm");
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            foreach (var pin in new[] { "stable", "canary" })
            {
                await PredictAsync(sample.TestRows[i], pin);
                await PredictAsync(ScrapedStepMetricsTests.Invalid(sample.TestRows[i]), pin);
            }
        }));
        await RouteAsync(weight);
    }

    /// <summary>
    /// Sends requests pinned to <paramref name="upstream"/>, valid and invalid rows in turn, until it has answered each
    /// of <paramref name="codes"/>: each series exists before a window, where Prometheus' increase() has no baseline
    /// for a series born inside its range (the embedded source counts it from 0).
    /// </summary>
    public async Task OpenSeriesAsync(PackagedSample sample, string upstream, params int[] codes)
    {
        var seen = new HashSet<int>();
        for (var i = 0; !codes.All(seen.Contains); i++)
        {
            if (i == 2000) throw new InvalidOperationException($"{upstream} answered only {string.Join(", ", seen)} to {i} requests, not all of {string.Join(", ", codes)}");
            var row = sample.TestRows[i % sample.TestRows.Count];
            seen.Add((await PredictAsync(i % 2 == 0 ? row : ScrapedStepMetricsTests.Invalid(row), upstream)).Status);
        }
    }

    /// <summary>
    /// Sends steady traffic for <paramref name="length"/> at <paramref name="perSecond"/> from <paramref name="workers"/>
    /// concurrent callers (enough that a slow canary does not slow the rate), routed by the gateway's weight; one
    /// request in <paramref name="invalidEvery"/> a row the server rejects with 400. Returns every answer.
    /// </summary>
    public async Task<IReadOnlyList<Answer>> LoadAsync(PackagedSample sample, TimeSpan length, double perSecond, int workers, int invalidEvery)
    {
        var answers = new ConcurrentQueue<Answer>();
        var clock = Stopwatch.StartNew();
        var next = -1;
        async Task WorkAsync()
        {
            for (var i = Interlocked.Increment(ref next); i / perSecond < length.TotalSeconds; i = Interlocked.Increment(ref next))
            {
                var due = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due);
                var row = sample.TestRows[i % sample.TestRows.Count];
                answers.Enqueue(await PredictAsync(i % invalidEvery == invalidEvery - 1 ? ScrapedStepMetricsTests.Invalid(row) : row));
            }
        }
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync)));
        return [.. answers];
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Canary.DisposeAsync();
        await Stable.DisposeAsync();
    }
}

internal sealed record Answer(int Status, string Route, double Seconds);
