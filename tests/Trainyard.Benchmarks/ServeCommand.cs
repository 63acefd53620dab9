using System.Globalization;
using System.Reflection;

namespace Trainyard.Benchmarks;

/// <summary>
/// `serve`: Trainyard.Serving against FastAPI + uvicorn + xgboost serving the same package, and against the bare
/// endpoint (Kestrel parsing the same body and answering a constant prediction: the floor), single-row requests on
/// loopback, in two setups. Shared: both services and wrk on all cores, closed loop, as a user would run them.
/// Pinned: each service on core 0 and the load on core 1, so the client's work never queues behind the server's;
/// there wrk's closed-loop rate is the saturation, and the open-loop client (<see cref="OpenLoop"/>), with the same
/// connections on the same core, then measures latency at 70% of it, for each service at its own saturation.
/// </summary>
internal static class ServeCommand
{
    const int Connections = 32;
    // Long enough for the runtime's tier-up to finish under load (tiered PGO's instrumented code first): 3–6 s on one core.
    const int WarmUpSeconds = 10;

    /// <param name="load">The open-loop rate as a share of saturation (0.7 in the goal).</param>
    /// <param name="niceness">nice value for the services and the load generators alike (negative: ahead of other work on a shared machine).</param>
    /// <param name="inlineIo">Trainyard.Serving's TRAINYARD_INLINE_IO: auto, on or off.</param>
    /// <param name="clientWait">The open-loop client between events: busy (polls, keeps its core) or sleep (see <see cref="OpenLoop"/>).</param>
    /// <param name="sharedOnly">--shared-only: the shared setup alone (a third of the time; for A/B runs of a change to the server).</param>
    public static async Task<int> RunAsync(string layout, string reference, int reps, int seconds, double load, int niceness, string inlineIo, string clientWait,
        bool sharedOnly = false)
    {
        if (clientWait is not ("busy" or "sleep"))
        {
            Console.Error.WriteLine($"serve: --client-wait {clientWait} is not busy or sleep");
            return 2;
        }
        if (inlineIo is not ("auto" or "on" or "off"))
        {
            Console.Error.WriteLine($"serve: --inline-io {inlineIo} is not auto, on or off");
            return 2;
        }
        if (load is <= 0 or > 1)
        {
            Console.Error.WriteLine($"serve: --load {load} is not a share of saturation; give a number above 0 and at most 1, e.g. 0.7");
            return 2;
        }
        if (Environment.ProcessorCount < 2)
        {
            Console.Error.WriteLine($"serve: the pinned measurement needs 2 cores (server on one, load on the other); this machine shows {Environment.ProcessorCount}");
            return 2;
        }
        Placement shared = new(null, niceness), server = new("0", niceness), client = new("1", niceness);
        var row = await FirstExampleRowAsync(layout, reference);
        var script = Path.Combine(Path.GetTempPath(), $"trainyard-serve-{Environment.ProcessId}.lua");
        var body = Path.ChangeExtension(script, ".json");
        await File.WriteAllTextAsync(script, $"wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [[{row}]]\n");
        await File.WriteAllTextAsync(body, row);
        var autogroup = niceness != 0 && SetAutogroupNice(niceness);
        try
        {
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average {LoadAverage()} at the start; single-row POST /v1/predict on loopback; " +
                              $"{reps} runs of {seconds} s per measurement, the three services in turn; medians; Trainyard.Serving and the bare endpoint " +
                              $"JIT-compiled (dotnet x.dll) with TRAINYARD_INLINE_IO={inlineIo}");
            Console.WriteLine($"\n1. shared: the services and wrk on {shared}, wrk -t2 -c{Connections} (closed loop); CPU: the service's, in cores, and per request");
            Dictionary<string, List<Wrk>> together;
            Dictionary<string, List<double>> togetherCpu = [];
            await using (var pair = await ServedPair.StartAsync(layout, reference, shared, inlineIo, row))
            {
                await WarmUpAsync(pair, port => Wrk.RunAsync(shared, 2, Connections, port, script, WarmUpSeconds));
                together = await AlternateAsync(reps, pair, async (name, port) =>
                {
                    var (run, cpu) = await WithCpuAsync(pair, port, () => Wrk.RunAsync(shared, 2, Connections, port, script, seconds));
                    Console.WriteLine($"{Describe(run)}  CPU {cpu:N2} = {PerRequest(cpu, run)}");
                    (togetherCpu.TryGetValue(name, out var list) ? list : togetherCpu[name] = []).Add(cpu / run.Rps * 1e6);
                    return run;
                });
            }

            if (sharedOnly)
            {
                Console.WriteLine($"\nload average {LoadAverage()} at the end\n");
                Report(together, togetherCpu, null);
                return 0;
            }
            Console.WriteLine($"\n2. pinned: services on {server}, load on {client}; in each run, saturation = wrk -t1 -c{Connections} (closed loop), " +
                              $"then at once the open-loop client with {Connections} connections at {load:P0} of that saturation, " +
                              $"{(clientWait == "busy" ? "polling without pause" : "sleeping between events")} (--client-wait {clientWait}); CPU: the service's, in cores");
            await using var pinned = await ServedPair.StartAsync(layout, reference, server, inlineIo, row);
            await WarmUpAsync(pinned, port => Wrk.RunAsync(client, 1, Connections, port, script, WarmUpSeconds));
            var pairedRuns = await AlternateAsync(reps, pinned, async (name, port) =>
            {
                // Saturation right before each latency run: on a shared machine the core's capacity drifts over minutes.
                var (saturation, saturationCpu) = await WithCpuAsync(pinned, port, () => Wrk.RunAsync(client, 1, Connections, port, script, seconds));
                Console.WriteLine($"saturation  {Describe(saturation)}  CPU {saturationCpu:N2} = {PerRequest(saturationCpu, saturation)}");
                // The bare endpoint is a throughput floor only: its latency at 70% is not a goal of anything.
                if (name == ServedPair.Bare) return (Saturation: saturation, Open: (OpenLoopRun?)null);
                var counters = port == pinned.TrainyardPort ? await ServerCounters.ReadAsync(port) : null;
                var (open, openCpu) = await WithCpuAsync(pinned, port, () => OpenLoopAsync(client, port, body, (int)(load * saturation.Rps), seconds, clientWait));
                Console.WriteLine($"{new string(' ', 38)}open loop   {Describe(open)}  CPU {openCpu:N2}" +
                                  (counters is null ? "" : $"\n{new string(' ', 50)}{(await ServerCounters.ReadAsync(port)).Since(counters)}"));
                return (Saturation: saturation, Open: (OpenLoopRun?)open);
            });
            var paired = pairedRuns.ToDictionary(r => r.Key, r => r.Value.ConvertAll(p => p.Saturation));

            Console.WriteLine($"\nload average {LoadAverage()} at the end\n");
            Report(together, togetherCpu, paired);
            Console.WriteLine($"| service | open loop at {load:P0} of saturation, req/s (median) | achieved ÷ intended, lowest valid run | valid runs | p50 ms | p99 ms | p99.9 ms | max ms | send lag p99 ms | all connections busy ms |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            var open = pairedRuns[ServedPair.Trainyard].ConvertAll(p => p.Open!);
            Summarize(ServedPair.Trainyard, open);
            Summarize(ServedPair.Python, pairedRuns[ServedPair.Python].ConvertAll(p => p.Open!));
            var valid = open.Where(r => r.Valid).ToArray();
            Console.WriteLine(valid.Length == 0
                ? $"\np99 <= 5 ms at {load:P0} of saturation: NOT MEASURED (no valid open-loop run)"
                : $"\np99 <= 5 ms at {load:P0} of saturation: {(Statistics.Median(valid.Select(r => r.P99)) <= 5 ? "met" : "NOT met")} " +
                  $"(median of {valid.Length} valid runs: {Statistics.Median(valid.Select(r => r.P99)):N3} ms)");
            return 0;
        }
        finally
        {
            if (autogroup) SetAutogroupNice(0);
            File.Delete(script);
            File.Delete(body);
        }
    }

    /// <summary>The throughput table and the ratios: Trainyard.Serving against FastAPI (goal ≥ 25×) and against the bare endpoint (goal ≥ 0.75×).</summary>
    static void Report(Dictionary<string, List<Wrk>> shared, Dictionary<string, List<double>> sharedCpu, Dictionary<string, List<Wrk>>? pinned)
    {
        Console.WriteLine("| setup | service | requests/s | p50 ms | p99 ms | service CPU µs per request |\n|---|---|--:|--:|--:|--:|");
        foreach (var (setup, runs) in new[] { ("shared", shared), ("pinned", pinned) })
            if (runs is not null)
                foreach (var name in ServedPair.Names)
                    Console.WriteLine($"| {setup}, wrk | {name} | {Statistics.Median(runs[name].Select(r => r.Rps)):N0} | " +
                                      $"{Statistics.Median(runs[name].Select(r => r.P50)):N3} | {Statistics.Median(runs[name].Select(r => r.P99)):N3} | " +
                                      $"{(setup == "shared" ? Statistics.Median(sharedCpu[name]).ToString("N1", CultureInfo.InvariantCulture) : "")} |");
        string Pinned(string other, string format) => pinned is null ? "" : $", pinned {Ratio(pinned, other).ToString(format, CultureInfo.InvariantCulture)}x";
        Console.WriteLine($"\nthroughput, Trainyard.Serving ÷ FastAPI: shared {Ratio(shared, ServedPair.Python):N1}x{Pinned(ServedPair.Python, "N1")} (goal >= 25x; " +
                          $"the bare endpoint ÷ FastAPI, the most a server on Kestrel reaches: shared " +
                          $"{(Statistics.Median(shared[ServedPair.Bare].Select(r => r.Rps)) / Statistics.Median(shared[ServedPair.Python].Select(r => r.Rps))).ToString("N1", CultureInfo.InvariantCulture)}x)");
        Console.WriteLine($"throughput, Trainyard.Serving ÷ bare endpoint: shared {Ratio(shared, ServedPair.Bare):N2}x{Pinned(ServedPair.Bare, "N2")} (goal >= 0.75x); " +
                          $"per repetition, shared: {string.Join(", ", shared[ServedPair.Trainyard].Zip(shared[ServedPair.Bare], (t, b) => (t.Rps / b.Rps).ToString("N2", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"service CPU per request, Trainyard.Serving ÷ bare endpoint (shared, medians): " +
                          $"{Statistics.Median(sharedCpu[ServedPair.Trainyard]) / Statistics.Median(sharedCpu[ServedPair.Bare]):N2}x\n");
    }

    /// <summary>Runs the measurement on each service in turn, a different one first in each repetition, so slow spells of a shared machine fall on all.</summary>
    static async Task<Dictionary<string, List<T>>> AlternateAsync<T>(int reps, ServedPair pair, Func<string, int, Task<T>> measure)
    {
        var runs = pair.Services.ToDictionary(s => s.Name, _ => new List<T>());
        for (var rep = 0; rep < reps; rep++)
            for (var turn = 0; turn < pair.Services.Count; turn++)
            {
                var (name, port) = pair.Services[(rep + turn) % pair.Services.Count];
                Console.Write($"  run {rep + 1} {name,-23}  ");
                runs[name].Add(await measure(name, port));
            }
        return runs;
    }

    /// <summary>The run's result and the service's CPU time over it in cores (1.0: all of one core).</summary>
    static async Task<(T Result, double Cores)> WithCpuAsync<T>(ServedPair pair, int port, Func<Task<T>> run)
    {
        var (cpu, wall) = (pair.CpuTime(port), System.Diagnostics.Stopwatch.StartNew());
        var result = await run();
        return (result, (pair.CpuTime(port) - cpu) / wall.Elapsed);
    }

    /// <summary>A load on each freshly started service first: JIT, connection set-up and caches are not what is measured.</summary>
    static async Task WarmUpAsync(ServedPair pair, Func<int, Task<Wrk>> briefly)
    {
        foreach (var (_, port) in pair.Services) await briefly(port);
    }

    internal static async Task<OpenLoopRun> OpenLoopAsync(Placement client, int port, string body, int rate, int seconds, string clientWait)
    {
        // Re-invoke this program pinned to the client's core; under `dotnet x.dll` the process is dotnet itself, so pass the assembly too.
        var self = Environment.ProcessPath!;
        string[] assembly = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [Assembly.GetExecutingAssembly().Location] : [];
        using var process = ServedPair.Start(client, self, [.. assembly, "serve-load", .. new[] { port, rate, Connections, seconds }
            .Select(n => n.ToString(CultureInfo.InvariantCulture)), body, clientWait], [], capture: true);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"the open-loop client failed ({process.ExitCode}): {await errors}");
        return OpenLoopRun.Parse((await output).Trim().Split('\n')[^1]);
    }

    static void Summarize(string name, List<OpenLoopRun> runs)
    {
        var valid = runs.Where(r => r.Valid).ToArray();
        var rate = Statistics.Median(runs.Select(r => (double)r.IntendedRate));
        if (valid.Length == 0) { Console.WriteLine($"| {name} | {rate:N0} | {runs.Min(r => r.AchievedRate / r.IntendedRate):P2} (any run) | 0 of {runs.Count} | invalid | | | | | |"); return; }
        Console.WriteLine($"| {name} | {rate:N0} | {valid.Min(r => r.AchievedRate / r.IntendedRate):P2} | {valid.Length} of {runs.Count} | " +
                          $"{Statistics.Median(valid.Select(r => r.P50)):N3} | {Statistics.Median(valid.Select(r => r.P99)):N3} | " +
                          $"{Statistics.Median(valid.Select(r => r.P999)):N3} | {Statistics.Median(valid.Select(r => r.Max)):N1} | {Statistics.Median(valid.Select(r => r.SendLagP99)):N3} | {Statistics.Median(valid.Select(r => r.AllConnectionsBusy)):N0} |");
    }

    static string Describe(Wrk run) => $"{run.Rps,9:N0} req/s  p50 {run.P50,8:N3} ms  p99 {run.P99,8:N3} ms{(run.SocketErrors is { } e ? "  " + e : "")}";

    static string Describe(OpenLoopRun run) =>
        $"intended {run.IntendedRate,7:N0} req/s  achieved {run.AchievedRate,9:N1}  p50 {run.P50,8:N3} ms  p99 {run.P99,8:N3} ms  " +
        $"p99.9 {run.P999,8:N3} ms  max {run.Max,8:N1} ms  send lag p99 {run.SendLagP99:N3} ms  all busy {run.AllConnectionsBusy:N0} ms{(run.Reconnects > 0 ? $"  reconnects {run.Reconnects}" : "")}{(run.Valid ? "" : "  INVALID: " + Why(run))}";

    static string Why(OpenLoopRun run) => run.Errors > 0 ? $"{run.Errors} error answers" : run.Unanswered > 0 ? $"{run.Unanswered} unanswered"
        : $"sent {run.AchievedRate / run.IntendedRate:P2} of the intended rate (< 98%)" + (run.AllConnectionsBusy > 0
            ? $"; all {Connections} connections were waiting on the service for {run.AllConnectionsBusy:N0} ms" : "; the client itself fell behind");

    static double Ratio(Dictionary<string, List<Wrk>> runs, string other) =>
        Statistics.Median(runs[ServedPair.Trainyard].Select(r => r.Rps)) / Statistics.Median(runs[other].Select(r => r.Rps));

    /// <summary>The service's CPU time per answered request, from its CPU in cores over the run: load on the machine moves it far less than the rate.</summary>
    static string PerRequest(double cores, Wrk run) => string.Create(CultureInfo.InvariantCulture, $"{cores / run.Rps * 1e6,6:N1} µs/req");

    /// <summary>
    /// With the kernel's autogroup scheduling on, nice ranks processes only within their session: other sessions' work
    /// shares the cores as a group whatever nice says. The session's group has a nice of its own (root may set it).
    /// </summary>
    static bool SetAutogroupNice(int niceness)
    {
        try
        {
            if (File.ReadAllText("/proc/sys/kernel/sched_autogroup_enabled").Trim() != "1") return false;
            File.WriteAllText("/proc/self/autogroup", niceness.ToString(CultureInfo.InvariantCulture));
            Console.WriteLine($"autogroup scheduling is on: this session's group set to nice {niceness} as well");
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"autogroup scheduling: could not set the session group's nice ({error.Message}); --nice then ranks only within this session");
            return false;
        }
    }

    internal static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    internal static async Task<string> FirstExampleRowAsync(string layout, string reference)
    {
        var package = await Runtime.Packaging.ModelPackage.LoadAsync(layout, reference, CancellationToken.None);
        return package.ReadExample().Inputs[0].GetRawText();
    }
}
