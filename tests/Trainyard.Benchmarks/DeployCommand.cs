using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Spectre.Console;
using Trainyard.Tests.Deploy;
using Trainyard.Tests.Docker;

namespace Trainyard.Benchmarks;

/// <summary>
/// `deploy`: the whole deploy of the credit-risk sample, timed as a user sees it. On a private dockerd (no daemon, no
/// internet, no pulled image needed) with the tests' local base image: v1 is containerized and deployed (first
/// deploy), v2 (split seed 7) containerized; then per repetition, under a steady load through the gateway,
/// <c>./build.sh CanaryDeploy</c> on the unchanged tree (v2 promoted) and <c>./build.sh Rollback</c> (back to v1) are
/// timed from process start to exit 0, and the build's per-target table says where the time went.
/// </summary>
internal static partial class DeployCommand
{
    const string Token = "benchmark-admin-token";

    public static async Task<int> RunAsync(int reps, int rate, string interval, int minRequests)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        var ct = stop.Token;
        var repository = RepositoryRoot();
        var sample = Directory.CreateTempSubdirectory("ty-deploy-bench-").FullName;
        try
        {
            await using var docker = await PrivateDockerd.StartAsync(ct);
            var baseImage = await TestBaseImage.EnsureAsync(docker.Engine, ct);
            var ports = Enumerable.Range(0, 4).Select(_ => FreePort()).ToArray();
            WriteSample(repository, sample, ports, interval, minRequests);
            var build = new SampleBuild(repository, sample, docker.Engine.Host.Address, baseImage);
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average {ServeCommand.LoadAverage()} at the start; sample in {sample}; " +
                              $"deploy: steps [10, 25, 50, 100], interval {interval}, min_requests {minRequests}; load {rate} req/s single-row POST /v1/predict through the gateway");

            Console.WriteLine($"setup: Containerize v1 {(await build.RunAsync("v1 Containerize", ct, "Containerize")).Wall.TotalSeconds:0.0} s");
            await EnsureGatewayImageAsync(docker.Engine, baseImage, repository, sample, ct);
            Console.WriteLine($"setup: CanaryDeploy v1 (first deploy) {(await build.RunAsync("v1 CanaryDeploy", ct, "CanaryDeploy")).Wall.TotalSeconds:0.0} s");
            var spec = Path.Combine(sample, "pipelines/credit-risk.yml");
            await File.WriteAllTextAsync(spec, (await File.ReadAllTextAsync(spec, ct)).Replace("seed: 42", "seed: 7"), ct);
            Console.WriteLine($"setup: Containerize v2 (seed 7) {(await build.RunAsync("v2 Containerize", ct, "Containerize")).Wall.TotalSeconds:0.0} s");

            // The test split's rows, as Containerize's example reads them: score_psi compares the two versions' score
            // distributions, which a handful of repeated rows would not have.
            var package = await Runtime.Packaging.ModelPackage.LoadAsync(Path.Combine(sample, ".trainyard/registry/credit-risk"), "v1", ct);
            var (_, rows) = await Trainyard.Packaging.ExampleInputs.ReadAsync(Trainyard.Pipelines.PipelineSpec.Load(spec), sample,
                "artifacts/credit-risk/predictions.csv", package.ReadFeaturizer(), int.MaxValue, ct);
            var (deploys, rollbacks) = (new List<BuildRun>(), new List<BuildRun>());
            var failures = 0;
            for (var rep = 1; rep <= reps; rep++)
            {
                await using var load = new SteadyLoad(new Uri($"http://127.0.0.1:{ports[0]}"), rows, rate);
                await Task.Delay(TimeSpan.FromSeconds(2), ct); // the load at its rate before the clock starts
                var deploy = await build.RunAsync($"run {rep} CanaryDeploy", ct, "CanaryDeploy");
                var rollback = await build.RunAsync($"run {rep} Rollback", ct, "Rollback", "--version", "v1", "--reason", "benchmark");
                await load.StopAsync();
                (deploys, rollbacks) = ([.. deploys, deploy], [.. rollbacks, rollback]);
                Console.WriteLine($"  run {rep}: CanaryDeploy {deploy.Wall.TotalSeconds,6:0.00} s ({deploy.Targets()}, bootstrap and process {deploy.Outside.TotalSeconds:0.00} s); " +
                                  $"Rollback {rollback.Wall.TotalSeconds,5:0.00} s; load {load}; load average {ServeCommand.LoadAverage()}");
                failures += load.Failures.Count;
                foreach (var failure in load.Failures.Take(5)) Console.WriteLine($"    failed: {failure}");
            }

            var floor = interval.EndsWith('s') ? 4 * double.Parse(interval[..^1], CultureInfo.InvariantCulture) : double.NaN;
            Console.WriteLine($"\nload average {ServeCommand.LoadAverage()} at the end\n");
            Console.WriteLine("| | wall, median | runs |\n|---|--:|---|");
            Console.WriteLine($"| `./build.sh CanaryDeploy` (v2, to promoted) | **{Median(deploys, r => r.Wall):0.0} s** | {string.Join(", ", deploys.Select(r => $"{r.Wall.TotalSeconds:0.0}"))} |");
            void Row(string name, IReadOnlyList<BuildRun> runs, Func<BuildRun, TimeSpan> value) =>
                Console.WriteLine($"| {name} | {Median(runs, value):0.00} s | {string.Join(", ", runs.Select(r => $"{value(r).TotalSeconds:0.00}"))} |");
            foreach (var target in deploys[0].Durations.Keys.Where(t => t != "Total"))
            {
                Row($"… {target}", deploys, r => r.Durations.GetValueOrDefault(target));
                if (target == "CanaryDeploy")
                {
                    Row("… … 4 measuring windows", deploys, r => r.Windows);
                    Row("… … the rest: start v2, /readyz, route, promote, drain and stop v1, registry", deploys, r => r.Durations.GetValueOrDefault(target) - r.Windows);
                }
            }
            Row("… build.sh bootstrap, process start and exit", deploys, r => r.Outside);
            Console.WriteLine($"| `./build.sh Rollback` (to v1) | **{Median(rollbacks, r => r.Wall):0.0} s** | {string.Join(", ", rollbacks.Select(r => $"{r.Wall.TotalSeconds:0.0}"))} |");
            if (rollbacks.All(r => r.Moved is not null))
                Row("… traffic on v1 (as Rollback reports it)", rollbacks, r => r.Moved!.Value);
            Console.WriteLine($"\nfloor: 4 steps × {interval} = {floor:0} s of measuring windows; requests that failed under the load: {failures}");
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("deploy: stopped; the engine and the sample are removed");
            return 130;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"deploy: {e.Message}");
            return 1;
        }
        finally
        {
            try { Directory.Delete(sample, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// The gateway image, published from this checkout (the sample copy has no src/Trainyard.Gateway and no feed serves
    /// the package), tagged with the version of the Trainyard the sample's build runs — it looks for that tag, and a
    /// commit since this benchmark was built changes it.
    /// </summary>
    static async Task EnsureGatewayImageAsync(Trainyard.Docker.DockerEngine engine, string baseImage, string repository, string sample, CancellationToken ct)
    {
        var built = await Trainyard.Containers.GatewayImage.EnsureAsync(engine, baseImage, Trainyard.Containers.ContainerizeSettings.DefaultServingBuild, repository, Path.Combine(sample, "artifacts/gateway"),
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), ct);
        var version = FileVersionInfo.GetVersionInfo(Path.Combine(repository, "build/bin/Release/net10.0/Trainyard.dll")).ProductVersion?.Split('+')[0];
        if (version is not null && version != Trainyard.Containers.GatewayImage.Tag)
            await engine.TagImageAsync(built, Trainyard.Containers.GatewayImage.Repository, version, ct);
    }

    static double Median(IEnumerable<BuildRun> runs, Func<BuildRun, TimeSpan> value) => Statistics.Median(runs.Select(r => value(r).TotalSeconds));

    /// <summary>The credit-risk sample's files, with a deploy section on free loopback ports instead of its own.</summary>
    static void WriteSample(string repository, string sample, int[] ports, string interval, int minRequests)
    {
        foreach (var file in new[] { "pipelines/credit-risk.yml", "pipelines/credit-risk.schema.yml", "pipelines/credit-risk.profile.json", "data/credit_data.csv" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(sample, file))!);
            File.Copy(Path.Combine(repository, file), Path.Combine(sample, file));
        }
        var spec = File.ReadAllText(Path.Combine(repository, "pipelines/credit-risk.yml"));
        spec = spec[..spec.IndexOf("\ndeploy:", StringComparison.Ordinal)];
        // Latency against an absolute bound, not stable's p99: on a busy 2-core machine that is noise (as in the deploy tests).
        File.WriteAllText(Path.Combine(sample, "pipelines/credit-risk.yml"), spec + $"""

            deploy:
              port: {ports[0]}
              admin_port: {ports[1]}
              server_ports: [{ports[2]}, {ports[3]}]
              steps: [10, 25, 50, 100]
              interval: {interval}
              min_requests: {minRequests}
              ready_timeout: 60s
              checks:
                - success_rate >= 0.99
                - success_rate >= stable - 0.005
                - p99_latency_ms <= 250
                - score_psi <= 0.2
                - invalid_request_rate <= stable + 0.01

            """);
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Repo.sln"))) return folder.FullName;
        throw new InvalidOperationException($"no Repo.sln above {AppContext.BaseDirectory}");
    }

    static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>This checkout's build.sh run over the sample copy (<c>--root</c>), on the private engine.</summary>
    sealed class SampleBuild(string repository, string sample, string dockerHost, string baseImage)
    {
        public async Task<BuildRun> RunAsync(string name, CancellationToken ct, params string[] args)
        {
            var start = new ProcessStartInfo(Path.Combine(repository, "build.sh"),
                [.. args, "--root", sample, "--docker-host", dockerHost, "--base-image", baseImage, "--serving-project", Path.Combine(repository, "src/Trainyard.Serving")])
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.Environment["TRAINYARD_GATEWAY_TOKEN"] = Token;
            start.Environment["GITHUB_ACTOR"] = "benchmark";
            start.Environment["NO_COLOR"] = "1";
            var output = new StringBuilder();
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try { await process.WaitForExitAsync(ct); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
            var wall = clock.Elapsed;
            process.WaitForExit(); // the output's last lines
            var text = output.ToString();
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"ty-deploy-bench-{name.Replace(' ', '-')}.log"), text, CancellationToken.None);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{name}: ./build.sh {string.Join(' ', args)} exited {process.ExitCode}:\n{text}");
            var windows = Window().Matches(text).Aggregate(TimeSpan.Zero, (sum, w) =>
                sum + TimeSpan.FromSeconds(int.Parse(w.Groups["s"].Value, CultureInfo.InvariantCulture)) + TimeSpan.FromMilliseconds(int.Parse(w.Groups["ms"].Value, CultureInfo.InvariantCulture)));
            var moved = Moved().Match(text) is { Success: true } m ? TimeSpan.FromSeconds(double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture)) : (TimeSpan?)null;
            return new BuildRun(wall, Durations(text), windows, moved);
        }

        static Dictionary<string, TimeSpan> Durations(string output)
        {
            var durations = new Dictionary<string, TimeSpan>();
            foreach (Match row in TableRow().Matches(output))
            {
                var text = row.Groups["duration"].Value;
                durations[row.Groups["target"].Value] = text.EndsWith('s')
                    ? TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture))
                    : TimeSpan.ParseExact(text, @"h\:mm\:ss", CultureInfo.InvariantCulture);
            }
            return durations;
        }
    }

    /// <summary>One build: its wall time and the durations of its summary table (per target, and Total).</summary>
    /// <param name="Windows">The canary steps' measuring windows, summed (CanaryDeploy prints each one's length).</param>
    /// <param name="Moved">Rollback: when it says traffic moved, counted from its command's start.</param>
    sealed record BuildRun(TimeSpan Wall, Dictionary<string, TimeSpan> Durations, TimeSpan Windows, TimeSpan? Moved)
    {
        public TimeSpan Outside => Wall - Durations.GetValueOrDefault("Total");

        public string Targets() => string.Join(", ", Durations.Where(d => d.Key != "Total" && d.Value >= TimeSpan.FromSeconds(0.05))
            .Select(d => $"{d.Key} {d.Value.TotalSeconds:0.00}"));
    }

    // A row of the build's summary table: │ Containerize │ Succeeded │ 12.34s │ (Total has an empty status).
    // "step passed: passed: 5 checks on 74 canary and 698 stable requests in 5s174ms"
    [GeneratedRegex(@"^  step passed: .* in (?<s>\d+)s(?<ms>\d+)ms$", RegexOptions.Multiline)]
    private static partial Regex Window();

    // "All traffic goes to v1 — moved 2.2s after the command started."
    [GeneratedRegex(@"moved (?<s>\d+(\.\d+)?)s after the command started")]
    private static partial Regex Moved();

    [GeneratedRegex(@"│ (?<target>\w+)\s+│[^│]*│\s+(?<duration>\d+(\.\d+)?s|\d+:\d\d:\d\d)\s+│")]
    private static partial Regex TableRow();
}
