using System.Diagnostics;
using Trainyard.Containers;
using Trainyard.Tests.Docker;

namespace Trainyard.Benchmarks;

/// <summary>
/// `builds`: the model server as Containerize publishes it, NativeAOT against JIT (<c>--serving-build</c>), side by
/// side in one run, always alternating which goes first. On a private dockerd with the tests' base image: image size,
/// and from the engine's start call to /readyz 200 (plus the same for the bare process, without the engine). Then the
/// published servers as processes, with the serve benchmark's harness: wrk with all cores shared, and pinned (server
/// on core 0, load on core 1) saturation followed by the open-loop client at --load × that saturation.
/// </summary>
internal static class BuildsCommand
{
    const int Connections = 32;
    const int WarmUpSeconds = 10;

    public static async Task<int> RunAsync(string layout, string reference, int starts, int reps, int seconds, double load)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var ct = stop.Token;
        var repository = DeployCommand.RepositoryRoot();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average {ServeCommand.LoadAverage()} at the start; model {layout}:{reference}");
        BuildImage[] builds;
        await using (var docker = await PrivateDockerd.StartAsync(ct))
        {
            var baseImage = await TestBaseImage.EnsureAsync(docker.Engine, ct);
            var baseSize = (await docker.Engine.InspectImageAsync(baseImage, ct))?.Size ?? 0;
            builds = [await BuildImage.MakeAsync(ServingBuild.Aot, docker.Engine, baseImage, repository, layout, reference, ct),
                await BuildImage.MakeAsync(ServingBuild.Jit, docker.Engine, baseImage, repository, layout, reference, ct)];
            Console.WriteLine($"\nbase {baseImage}: {baseSize / 1e6:0.0} MB");
            foreach (var build in builds)
                Console.WriteLine($"{build.Name}: image {build.ImageBytes / 1e6:0.0} MB (the server {build.AppBytes / 1e6:0.0} MB)");

            // One untimed start of each first: the benchmark's own first Docker and HTTP calls compile (JIT) here, not in a timed run.
            foreach (var build in builds) await build.StartToReadyAsync(docker.Engine, ct);
            Console.WriteLine($"\n1. start to ready: {starts} starts each, alternating; load average {ServeCommand.LoadAverage()}");
            var container = await AlternateAsync(starts, builds, async build =>
            {
                var (ready, started) = await build.StartToReadyAsync(docker.Engine, ct);
                var bare = await build.ProcessStartToReadyAsync(layout, reference, ct);
                var help = await build.StartToExitOfHelpAsync(docker.Engine, ct);
                Console.WriteLine($"container {ready.TotalMilliseconds,7:0.0} ms (engine's start call {started.TotalMilliseconds,6:0.0} ms)  process {bare.TotalMilliseconds,7:0.0} ms  " +
                                  $"container of --help to exit {help.TotalMilliseconds,7:0.0} ms");
                return (Container: ready.TotalMilliseconds, Engine: started.TotalMilliseconds, Process: bare.TotalMilliseconds, Help: help.TotalMilliseconds);
            });
            Console.WriteLine("\n| build | image MB | docker start → /readyz 200, median ms | of which the engine's start call | process start → /readyz 200 | container of --help, start → exit | runs (container) |\n|---|--:|--:|--:|--:|--:|---|");
            foreach (var build in builds)
            {
                var runs = container[build.Build];
                Console.WriteLine($"| {build.Name} | {build.ImageBytes / 1e6:0.0} | {Statistics.Median(runs.Select(r => r.Container)):0.0} | {Statistics.Median(runs.Select(r => r.Engine)):0.0} | " +
                                  $"{Statistics.Median(runs.Select(r => r.Process)):0.0} | {Statistics.Median(runs.Select(r => r.Help)):0.0} | {string.Join(", ", runs.Select(r => $"{r.Container:0}"))} |");
            }
        }

        if (reps == 0) return 0; // --reps 0: the start-up part only
        var row = await ServeCommand.FirstExampleRowAsync(layout, reference);
        var script = Path.Combine(Path.GetTempPath(), $"trainyard-builds-{Environment.ProcessId}.lua");
        var body = Path.ChangeExtension(script, ".json");
        await File.WriteAllTextAsync(script, $"wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [[{row}]]\n", ct);
        await File.WriteAllTextAsync(body, row, ct);
        try
        {
            Placement shared = new(null, 0), server = new("0", 0), client = new("1", 0);
            Console.WriteLine($"\n2. shared: the server and wrk -t2 -c{Connections} on all cores; {reps} runs of {seconds} s each, alternating; load average {ServeCommand.LoadAverage()}");
            Dictionary<ServingBuild, List<Wrk>> together;
            await using (var servers = await BuildServers.StartAsync(builds, shared, layout, reference))
            {
                foreach (var build in builds) await Wrk.RunAsync(shared, 2, Connections, servers.Port(build.Build), script, WarmUpSeconds);
                together = await AlternateAsync(reps, builds, async build =>
                {
                    var run = await Wrk.RunAsync(shared, 2, Connections, servers.Port(build.Build), script, seconds);
                    Console.WriteLine($"{run.Rps,9:N0} req/s  p50 {run.P50:N3} ms  p99 {run.P99:N3} ms");
                    return run;
                });
            }

            Console.WriteLine($"\n3. pinned: the server on {server}, load on {client}: saturation (wrk -t1 -c{Connections}), then the open loop at {load:P0} of it; load average {ServeCommand.LoadAverage()}");
            Dictionary<ServingBuild, List<(Wrk Saturation, OpenLoopRun Open)>> pinned;
            await using (var servers = await BuildServers.StartAsync(builds, server, layout, reference))
            {
                foreach (var build in builds) await Wrk.RunAsync(client, 1, Connections, servers.Port(build.Build), script, WarmUpSeconds);
                pinned = await AlternateAsync(reps, builds, async build =>
                {
                    var port = servers.Port(build.Build);
                    var saturation = await Wrk.RunAsync(client, 1, Connections, port, script, seconds);
                    var open = await ServeCommand.OpenLoopAsync(client, port, body, (int)(load * saturation.Rps), seconds, "busy");
                    Console.WriteLine($"saturation {saturation.Rps,9:N0} req/s   open loop {open.AchievedRate,9:N0} req/s  p50 {open.P50:N3} ms  p99 {open.P99:N3} ms{(open.Valid ? "" : "  INVALID")}");
                    return (saturation, open);
                });
            }

            Console.WriteLine($"\nload average {ServeCommand.LoadAverage()} at the end\n");
            Console.WriteLine($"| build | shared, wrk req/s | pinned saturation req/s | open loop at {load:P0}: p50 ms | p99 ms | valid runs |\n|---|--:|--:|--:|--:|--:|");
            foreach (var build in builds)
            {
                var valid = pinned[build.Build].Select(p => p.Open).Where(o => o.Valid).ToArray();
                Console.WriteLine($"| {build.Name} | {Statistics.Median(together[build.Build].Select(r => r.Rps)):N0} | {Statistics.Median(pinned[build.Build].Select(p => p.Saturation.Rps)):N0} | " +
                                  (valid.Length == 0 ? "invalid | invalid | 0 |" : $"{Statistics.Median(valid.Select(o => o.P50)):N3} | {Statistics.Median(valid.Select(o => o.P99)):N3} | {valid.Length} of {reps} |"));
            }
            double Ratio(Func<ServingBuild, double> rate) => rate(ServingBuild.Aot) / rate(ServingBuild.Jit);
            Console.WriteLine($"\naot ÷ jit throughput: shared {Ratio(b => Statistics.Median(together[b].Select(r => r.Rps))):N3}, " +
                              $"pinned {Ratio(b => Statistics.Median(pinned[b].Select(p => p.Saturation.Rps))):N3} (goal: within 10%)");
            return 0;
        }
        finally
        {
            File.Delete(script);
            File.Delete(body);
        }
    }

    /// <summary>Runs <paramref name="measure"/> on each build <paramref name="reps"/> times, alternating which goes first.</summary>
    static async Task<Dictionary<ServingBuild, List<T>>> AlternateAsync<T>(int reps, BuildImage[] builds, Func<BuildImage, Task<T>> measure)
    {
        var results = builds.ToDictionary(b => b.Build, _ => new List<T>());
        for (var rep = 0; rep < reps; rep++)
            foreach (var build in rep % 2 == 0 ? builds : builds.Reverse())
            {
                Console.Write($"  run {rep + 1} {build.Name}  ");
                results[build.Build].Add(await measure(build));
            }
        return results;
    }

    /// <summary>Both published servers running as processes, placed alike, on free loopback ports.</summary>
    sealed class BuildServers(Dictionary<ServingBuild, (Process Process, int Port)> running) : IAsyncDisposable
    {
        public int Port(ServingBuild build) => running[build].Port;

        public static async Task<BuildServers> StartAsync(BuildImage[] builds, Placement placement, string layout, string reference)
        {
            var running = new Dictionary<ServingBuild, (Process, int)>();
            var servers = new BuildServers(running);
            try
            {
                foreach (var build in builds)
                {
                    var port = ServedPair.FreePort();
                    running[build.Build] = (ServedPair.Start(placement, build.Executable, [], BuildImage.Environment(layout, reference, port)), port);
                    await ServedPair.WaitAsync(port);
                }
                return servers;
            }
            catch
            {
                await servers.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (process, _) in running.Values)
            {
                if (!process.HasExited) process.Kill();
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }
}
