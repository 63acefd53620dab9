using Trainyard.Monitoring.Estimation;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Trainyard.Monitoring;
using Trainyard.Pipelines;
using Trainyard.Registry;

namespace Trainyard.Benchmarks;

/// <summary>
/// `monitor`: Monitor's own path (<see cref="MonitorRun.RunAsync"/>: the streaming log reader, ValidateData's
/// profiler and drift check per feature, score PSI/JS, latency sketches per caller) against pandas + scipy doing the
/// same work (python/monitor_pandas.py: per column two-sample KS or χ² against the training data and PSI, score PSI,
/// latency quantiles per caller), on the same generated prediction log of 100,000 and 1,000,000 lines, alternating
/// which side goes first. Each run is a child process that times only the work and reports its CPU time and peak
/// RSS (VmHWM; Python: ru_maxrss); Monitor's runs with the build's JIT settings (<see cref="BuildRuntime"/>).
/// </summary>
internal static class MonitorCommand
{
    const string Python = "/usr/bin/python3"; // Debian's python3-pandas and python3-scipy live here

    /// <summary>
    /// The JIT settings of the build that runs Monitor (build/_build.csproj: tiered compilation on, PGO off, loops
    /// optimized at once), not this project's (tiering off, for the scan): with tiering on, the hot framework code
    /// (System.Text.Json's reader, precompiled) is recompiled optimized; with it off it stays as precompiled.
    /// </summary>
    static readonly Dictionary<string, string> BuildRuntime = new()
    {
        ["DOTNET_TieredCompilation"] = "1", ["DOTNET_TieredPGO"] = "0", ["DOTNET_TC_QuickJitForLoops"] = "0",
    };

    public static async Task<int> CompareAsync(string layout, string reference, string spec, string csv, int lines, int reps)
    {
        var registry = await ProductionRegistryAsync(layout, reference);
        var predictions = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(spec))!, "..", "artifacts", "credit-risk", "predictions.csv");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average {ServeCommand.LoadAverage()} at the start; {reps} repetitions, alternating; medians");
        var summaries = new List<(int Lines, double Ours, double Theirs, double OurCpu, double TheirCpu, long OurPeak, long TheirPeak)>();
        foreach (var size in new[] { lines / 10, lines })
        {
            var folder = await PredictionLogFile.EnsureAsync(layout, reference, csv, size);
            var file = PredictionLogReader.FilesOf(folder)[0];
            Console.WriteLine($"\n{size:N0} lines: {file} ({new FileInfo(file).Length / 1e6:F0} MB)");
            var window = new[] { Iso(PredictionLogFile.Start), Iso(PredictionLogFile.End(size)) };
            var ours = new List<Measurement>();
            var theirs = new List<Measurement>();
            for (var rep = 0; rep < reps; rep++)
            {
                var oursFirst = rep % 2 == 0;
                if (oursFirst) ours.Add(await Self(["monitor-run", folder, registry, spec, .. window]));
                theirs.Add(await Measurement.RunAsync(Python, [Path.Combine(AppContext.BaseDirectory, "python", "monitor_pandas.py"), file, csv, predictions, .. window]));
                if (!oursFirst) ours.Add(await Self(["monitor-run", folder, registry, spec, .. window]));
                Console.WriteLine($"  rep {rep + 1}: Monitor {ours[^1].Seconds:F3} s (CPU {ours[^1].CpuSeconds:F3} s) {ours[^1].PeakKilobytes / 1024} MB | " +
                                  $"pandas+scipy {theirs[^1].Seconds:F3} s (CPU {theirs[^1].CpuSeconds:F3} s) {theirs[^1].PeakKilobytes / 1024} MB  load {ServeCommand.LoadAverage()}");
            }
            summaries.Add((size, Statistics.Median(ours.Select(m => m.RowsPerSecond)), Statistics.Median(theirs.Select(m => m.RowsPerSecond)),
                Statistics.Median(ours.Select(m => m.CpuSeconds)), Statistics.Median(theirs.Select(m => m.CpuSeconds)),
                (long)Statistics.Median(ours.Select(m => (double)m.PeakKilobytes)), (long)Statistics.Median(theirs.Select(m => (double)m.PeakKilobytes))));
        }
        Console.WriteLine($"\nload average {ServeCommand.LoadAverage()} at the end");
        Console.WriteLine("\n| lines | Monitor rows/s | pandas + scipy rows/s | ratio | Monitor CPU s | pandas + scipy CPU s | CPU ratio | Monitor peak MB | pandas + scipy peak MB |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in summaries)
            Console.WriteLine($"| {s.Lines:N0} | {s.Ours:N0} | {s.Theirs:N0} | {s.Ours / s.Theirs:F2}× | {s.OurCpu:F2} | {s.TheirCpu:F2} | {s.TheirCpu / s.OurCpu:F2}× | {s.OurPeak / 1024} | {s.TheirPeak / 1024} |");
        return 0;
    }

    /// <summary>One Monitor run over the folder's log in [from, to), production = the copied registry's v1; prints one line.</summary>
    public static async Task<int> RunOnceAsync(string folder, string registryFolder, string specPath, string from, string to)
    {
        var spec = PipelineSpec.Load(specPath) with { Monitor = new MonitorSpec() };
        var registry = new ModelRegistry(RegistryStore.Open(registryFolder, Path.GetDirectoryName(registryFolder)!, new RegistryCredentials(null, null, null)), spec.Name);
        var window = new LogWindow(DateTimeOffset.Parse(from, CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, CultureInfo.InvariantCulture));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        // As ./build.sh Monitor runs it: with the quality estimate (CBPE) from the calibration the package stores.
        var request = new MonitorRequest(spec, window, PredictionLogReader.FilesOf(folder), folder, null)
        {
            Estimator = new VersionCalibration(TestSplit: null).Estimator,
        };
        var report = await MonitorRun.RunAsync(request, registry, window.To, CancellationToken.None);
        stopwatch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var version = report.Versions[0];
        Console.WriteLine($"drifted: {string.Join(", ", report.DriftedColumns)}; psi " +
                          string.Join(", ", version.Drift.Select(d => $"{d.Column}={d.Psi:F4}")) +
                          $"; score psi {version.Predictions?.Psi:F4}; p50/p95/p99 {version.Service.P50LatencyMs}/{version.Service.P95LatencyMs}/{version.Service.P99LatencyMs} ms");
        Console.WriteLine($"rows={report.Predictions} seconds={stopwatch.Elapsed.TotalSeconds:F4} cpu={cpu.TotalSeconds:F4} peak_kb={PeakResidentKilobytes()} skipped={report.SkippedLines}");
        return 0;
    }

    /// <summary>A copy of the package's registry folder with <paramref name="reference"/> holding production.</summary>
    static async Task<string> ProductionRegistryAsync(string layout, string reference)
    {
        var folder = Path.Combine(Path.GetTempPath(), "trainyard-bench", "monitor", "registry");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var target = Path.Combine(folder, Path.GetFileName(Path.TrimEndingDirectorySeparator(layout)));
        foreach (var file in Directory.EnumerateFiles(layout, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(layout, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        var registry = new ModelRegistry(RegistryStore.Open(folder, Path.GetDirectoryName(folder)!, new RegistryCredentials(null, null, null)), Path.GetFileName(target));
        await registry.MoveAliasAsync(AliasName.Production, reference, "monitor benchmark", "benchmark", CancellationToken.None);
        return folder;
    }

    static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    static Task<Measurement> Self(IEnumerable<string> arguments)
    {
        var self = Environment.ProcessPath!;
        var all = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") all.Add(Assembly.GetExecutingAssembly().Location);
        all.AddRange(arguments);
        return Measurement.RunAsync(self, all, BuildRuntime);
    }

    static long PeakResidentKilobytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
