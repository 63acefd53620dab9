using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Globalization;

namespace Trainyard.Benchmarks;

/// <summary>
/// `gateway`: the canary gateway's overhead. One Trainyard.Serving serves the package; single-row predictions go to
/// it straight and through Trainyard.Gateway (its stable upstream, weight 0) in the same run, alternating which goes
/// first. Shared: server, gateway and wrk on all cores, closed loop: the throughput ratio. Pinned: server and gateway
/// on core 0, the load on core 1: saturation through the gateway (wrk), then the open-loop client at --load × that
/// rate on both paths — the same rate, so the p99 difference is what the extra hop adds.
/// </summary>
internal static class GatewayCommand
{
    const int Connections = 32;
    const int WarmUpSeconds = 10;
    const string Token = "benchmark-admin-token";

    public static async Task<int> RunAsync(string layout, string reference, int reps, int seconds, double load)
    {
        if (Environment.ProcessorCount < 2)
        {
            Console.Error.WriteLine($"gateway: the pinned measurement needs 2 cores; this machine shows {Environment.ProcessorCount}");
            return 2;
        }
        var row = await ServeCommand.FirstExampleRowAsync(layout, reference);
        var script = Path.Combine(Path.GetTempPath(), $"trainyard-gateway-{Environment.ProcessId}.lua");
        var body = Path.ChangeExtension(script, ".json");
        await File.WriteAllTextAsync(script, $"wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [[{row}]]\n");
        await File.WriteAllTextAsync(body, row);
        try
        {
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average {ServeCommand.LoadAverage()} at the start; single-row POST /v1/predict on loopback; " +
                              $"{reps} runs of {seconds} s per measurement, direct and through the gateway alternating; medians");
            Placement shared = new(null, 0), service = new("0", 0), client = new("1", 0);

            Console.WriteLine($"\n1. shared: server, gateway and wrk on all cores, wrk -t2 -c{Connections} (closed loop)");
            List<Wrk> direct, proxied;
            await using (var chain = await Chain.StartAsync(layout, reference, shared))
            {
                await Wrk.RunAsync(shared, 2, Connections, chain.ServerPort, script, WarmUpSeconds);
                await Wrk.RunAsync(shared, 2, Connections, chain.GatewayPort, script, WarmUpSeconds);
                (direct, proxied) = await AlternateAsync(reps, chain, async port =>
                {
                    var run = await Wrk.RunAsync(shared, 2, Connections, port, script, seconds);
                    Console.WriteLine(Describe(run));
                    return run;
                });
            }

            Console.WriteLine($"\n2. pinned: server and gateway on {service}, load on {client}; in each run, saturation through the gateway = wrk -t1 -c{Connections}, " +
                              $"then the open-loop client ({Connections} connections, polling) at {load:P0} of it on both paths");
            var (openDirect, saturations) = (new List<OpenLoopRun>(), new List<Wrk>());
            var openGateway = new List<OpenLoopRun>();
            await using (var chain = await Chain.StartAsync(layout, reference, service))
            {
                await Wrk.RunAsync(client, 1, Connections, chain.GatewayPort, script, WarmUpSeconds);
                for (var rep = 0; rep < reps; rep++)
                {
                    var saturation = await Wrk.RunAsync(client, 1, Connections, chain.GatewayPort, script, seconds);
                    saturations.Add(saturation);
                    Console.WriteLine($"  run {rep + 1} saturation through the gateway {Describe(saturation)}");
                    var rate = (int)(load * saturation.Rps);
                    foreach (var viaGateway in rep % 2 == 0 ? new[] { false, true } : [true, false])
                    {
                        var run = await ServeCommand.OpenLoopAsync(client, viaGateway ? chain.GatewayPort : chain.ServerPort, body, rate, seconds, "busy");
                        (viaGateway ? openGateway : openDirect).Add(run);
                        Console.WriteLine($"        open loop {(viaGateway ? "gateway" : "direct ")} at {rate,6:N0} req/s: achieved {run.AchievedRate,9:N1}  p50 {run.P50,7:N3} ms  p99 {run.P99,7:N3} ms{(run.Valid ? "" : "  INVALID")}");
                    }
                }
            }

            Console.WriteLine($"\nload average {ServeCommand.LoadAverage()} at the end\n");
            Console.WriteLine("| setup | path | requests/s | p50 ms | p99 ms |\n|---|---|--:|--:|--:|");
            foreach (var (name, runs) in new[] { ("direct to Trainyard.Serving", direct), ("through Trainyard.Gateway", proxied) })
                Console.WriteLine($"| shared, wrk | {name} | {Statistics.Median(runs.Select(r => r.Rps)):N0} | {Statistics.Median(runs.Select(r => r.P50)):N3} | {Statistics.Median(runs.Select(r => r.P99)):N3} |");
            Console.WriteLine($"| pinned, wrk (saturation) | through Trainyard.Gateway | {Statistics.Median(saturations.Select(r => r.Rps)):N0} | {Statistics.Median(saturations.Select(r => r.P50)):N3} | {Statistics.Median(saturations.Select(r => r.P99)):N3} |");
            foreach (var (name, runs) in new[] { ("direct to Trainyard.Serving", openDirect), ("through Trainyard.Gateway", openGateway) })
            {
                var valid = runs.Where(r => r.Valid).ToList();
                Console.WriteLine(valid.Count == 0 ? $"| pinned, open loop at {load:P0} | {name} | invalid | | |"
                    : $"| pinned, open loop at {load:P0} ({valid.Count} of {runs.Count} valid) | {name} | {Statistics.Median(valid.Select(r => r.AchievedRate)):N0} | {Statistics.Median(valid.Select(r => r.P50)):N3} | {Statistics.Median(valid.Select(r => r.P99)):N3} |");
            }
            var ratio = Statistics.Median(proxied.Select(r => r.Rps)) / Statistics.Median(direct.Select(r => r.Rps));
            Console.WriteLine($"\nthroughput ratio (shared): {ratio:N2} of direct (goal >= 0.8): {(ratio >= 0.8 ? "met" : "NOT met")}");
            var (validDirect, validGateway) = (openDirect.Where(r => r.Valid).ToList(), openGateway.Where(r => r.Valid).ToList());
            if (validDirect.Count > 0 && validGateway.Count > 0)
            {
                var added = Statistics.Median(validGateway.Select(r => r.P99)) - Statistics.Median(validDirect.Select(r => r.P99));
                Console.WriteLine($"added p99 at {load:P0} of the gateway's saturation (pinned): {added:N3} ms (goal <= 1 ms): {(added <= 1 ? "met" : "NOT met")}");
            }
            else Console.WriteLine("added p99: NOT MEASURED (no valid open-loop run on one of the paths)");
            return 0;
        }
        finally
        {
            File.Delete(script);
            File.Delete(body);
        }
    }

    static async Task<(List<T> Direct, List<T> Proxied)> AlternateAsync<T>(int reps, Chain chain, Func<int, Task<T>> measure)
    {
        var (direct, proxied) = (new List<T>(), new List<T>());
        for (var rep = 0; rep < reps; rep++)
            foreach (var viaGateway in rep % 2 == 0 ? new[] { false, true } : [true, false])
            {
                Console.Write($"  run {rep + 1} {(viaGateway ? "through the gateway" : "direct             ")}  ");
                (viaGateway ? proxied : direct).Add(await measure(viaGateway ? chain.GatewayPort : chain.ServerPort));
            }
        return (direct, proxied);
    }

    static string Describe(Wrk run) => $"{run.Rps,9:N0} req/s  p50 {run.P50,8:N3} ms  p99 {run.P99,8:N3} ms{(run.SocketErrors is { } e ? "  " + e : "")}";

    /// <summary>The model server and the gateway in front of it (stable = the server, weight 0), both placed alike.</summary>
    sealed class Chain(System.Diagnostics.Process server, int serverPort, System.Diagnostics.Process gateway, int gatewayPort) : IAsyncDisposable
    {
        public int ServerPort => serverPort;
        public int GatewayPort => gatewayPort;

        public static async Task<Chain> StartAsync(string layout, string reference, Placement placement)
        {
            var (serverPort, gatewayPort, adminPort) = (FreePort(), FreePort(), FreePort());
            var server = ServedPair.Start(placement, "dotnet", [Path.Combine(AppContext.BaseDirectory, "Trainyard.Serving.dll")],
                new() { ["TRAINYARD_MODEL_PATH"] = layout, ["TRAINYARD_MODEL_REFERENCE"] = reference, ["TRAINYARD_URLS"] = $"http://127.0.0.1:{serverPort}" });
            var gateway = ServedPair.Start(placement, "dotnet", [Path.Combine(AppContext.BaseDirectory, "Trainyard.Gateway.dll")],
                new() { ["TRAINYARD_GATEWAY_URLS"] = $"http://127.0.0.1:{gatewayPort}", ["TRAINYARD_GATEWAY_ADMIN_URLS"] = $"http://127.0.0.1:{adminPort}",
                    ["TRAINYARD_GATEWAY_TOKEN"] = Token });
            var chain = new Chain(server, serverPort, gateway, gatewayPort);
            try
            {
                using var http = new HttpClient();
                await WaitAsync(http, $"http://127.0.0.1:{serverPort}/healthz");
                await WaitAsync(http, $"http://127.0.0.1:{gatewayPort}/healthz");
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
                using var routed = await http.PutAsJsonAsync($"http://127.0.0.1:{adminPort}/admin/state",
                    new { stable = new { url = $"http://127.0.0.1:{serverPort}", version = reference }, canary_weight = 0 });
                routed.EnsureSuccessStatusCode();
                return chain;
            }
            catch
            {
                await chain.DisposeAsync();
                throw;
            }
        }

        static async Task WaitAsync(HttpClient http, string url)
        {
            for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
                try { if ((await http.GetAsync(url)).IsSuccessStatusCode) return; }
                catch (HttpRequestException) { }
            throw new InvalidOperationException($"{url} did not answer within 60 s");
        }

        static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var process in new[] { gateway, server })
            {
                if (!process.HasExited) process.Kill();
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }
}
