using System.Diagnostics;
using System.Runtime.InteropServices;
using Trainyard.Interop;
using Trainyard.Training;

namespace Trainyard.Benchmarks;

/// <summary>
/// Training benchmark: Trainyard's load + train (XGBoostTrainer, the Train target's trainer) against Python xgboost
/// 1.7.4's load + DMatrix + train + JSON save, on the same raw float32 file with the same parameters and threads.
/// Each side runs in its own process and times only the work (not start-up, not loading libxgboost: Python imports
/// it before its clock starts, so Trainyard's side loads it before too); the sides alternate which goes first.
/// With <c>--background N</c>, N spinning threads compete for the cores during each measured run, either side's.
/// Both sides print the wall-clock seconds of each phase; the medians are printed per side at the end.
/// </summary>
internal static class TrainCommand
{
    private const string Python = "/usr/bin/python3"; // Debian's python3-xgboost lives here, not in the pyenv one

    public static async Task<int> CompareAsync(int rows, int repetitions, int threads, int rounds, int background)
    {
        var file = SyntheticMatrix.Ensure(rows);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}; {rows:N0} rows × {SyntheticMatrix.Columns} features " +
                          $"({file}); {rounds} rounds, max_depth 6, eta 0.1, hist, nthread {threads}; repetitions: {repetitions}; " +
                          $"background: {background} spinning threads; OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "(unset)"}, " +
                          $"GOMP_SPINCOUNT={Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") ?? "(unset)"}");
        var sizes = new[] { rows.ToString(), SyntheticMatrix.Columns.ToString(), threads.ToString(), rounds.ToString() };
        var ours = new List<Measurement>();
        var theirs = new List<Measurement>();
        async Task<Measurement> Measured(Func<Task<Measurement>> run)
        {
            using var load = BackgroundLoad.Start(background);
            return await run();
        }
        Task<Measurement> Ours() => Measured(() => Self(["train-run", file, .. sizes]));
        Task<Measurement> Theirs() => Measured(() => Measurement.RunAsync(Python, [Path.Combine(AppContext.BaseDirectory, "xgboost_train.py"), file, .. sizes]));
        for (var rep = 0; rep < repetitions; rep++)
        {
            var oursFirst = rep % 2 == 0;
            if (oursFirst) ours.Add(await Ours());
            theirs.Add(await Theirs());
            if (!oursFirst) ours.Add(await Ours());
            Console.WriteLine($"  rep {rep + 1}: trainyard {Line(ours[^1])} | python xgboost {Line(theirs[^1])}");
        }
        var (our, their) = (Statistics.Median(ours.Select(m => m.Seconds)), Statistics.Median(theirs.Select(m => m.Seconds)));
        Console.WriteLine($"\nload average at the end: {LoadAverage()}");
        Console.WriteLine("\n| rows | background | Trainyard s (median) | Python xgboost s (median) | ratio Trainyard / Python | Trainyard CPU s | Python CPU s | Trainyard peak MB | Python peak MB |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {rows:N0} | {background} | {our:F2} | {their:F2} | {our / their:F3}× | " +
                          $"{Statistics.Median(ours.Select(m => m.CpuSeconds)):F2} | {Statistics.Median(theirs.Select(m => m.CpuSeconds)):F2} | " +
                          $"{Statistics.Median(ours.Select(m => (double)m.PeakKilobytes)) / 1024:F0} | {Statistics.Median(theirs.Select(m => (double)m.PeakKilobytes)) / 1024:F0} |");
        Console.WriteLine("\nPhases, median seconds:\n\n| phase | Trainyard | Python xgboost |\n|---|---:|---:|");
        var names = ours.Concat(theirs).SelectMany(m => m.Fields.Keys).Where(k => k.StartsWith("phase_", StringComparison.Ordinal)).Distinct();
        foreach (var name in names)
            Console.WriteLine($"| {name["phase_".Length..]} | {PhaseMedian(ours, name)} | {PhaseMedian(theirs, name)} |");
        return 0;
    }

    private static string Line(Measurement m) =>
        $"{m.Seconds:F3} s, cpu {m.CpuSeconds:F2} s, {m.PeakKilobytes / 1024} MB, {m.Fields.GetValueOrDefault("involuntary_switches")} involuntary switches{(m.Fields.TryGetValue("gomp_spincount", out var spin) ? $", GOMP_SPINCOUNT {spin}" : "")}";

    private static string PhaseMedian(List<Measurement> runs, string name)
    {
        var values = runs.Where(m => m.Fields.ContainsKey(name)).Select(m => double.Parse(m.Fields[name])).ToList();
        return values.Count == 0 ? "—" : Statistics.Median(values).ToString("F3");
    }

    /// <summary>The child process: one load + train, printing <c>rows=… seconds=… peak_kb=… cpu=… phase_…=…</c>.</summary>
    public static async Task<int> RunOnceAsync(string file, int rows, int columns, int threads, int rounds)
    {
        var library = Stopwatch.StartNew();
        XGBoostLibrary.Version(); // loads libxgboost (and libgomp) before the clock starts, as Python's import does
        library.Stop();
        var before = Usage.Now();
        var stopwatch = Stopwatch.StartNew();
        var (features, labels) = SyntheticMatrix.Read(file, rows);
        var loaded = stopwatch.Elapsed;
        var names = Enumerable.Range(0, columns).Select(j => $"f{j}").ToArray();
        var model = await new XGBoostTrainer().TrainAsync(new TrainingSet(features, rows, names, labels), validation: null,
            new TrainingSettings
            {
                Task = TrainingTask.Binary,
                Rounds = rounds,
                EarlyStoppingRounds = 0,
                Threads = threads,
                Parameters = new Dictionary<string, string> { ["max_depth"] = "6", ["eta"] = "0.1" },
            });
        stopwatch.Stop();
        var after = Usage.Now();
        var phases = string.Join(' ', model.PhaseSeconds.Prepend(new("load", loaded.TotalSeconds)).Select(p => $"phase_{p.Key}={p.Value:F4}"));
        Console.WriteLine($"rows={rows} seconds={stopwatch.Elapsed.TotalSeconds:F4} peak_kb={Measurement.PeakResidentKilobytes()} model_bytes={model.ModelJson.Length} " +
                          $"cpu={after.CpuSeconds - before.CpuSeconds:F4} involuntary_switches={after.InvoluntarySwitches - before.InvoluntarySwitches} " +
                          $"gomp_spincount={OpenMPWaiting.NativeValue(OpenMPWaiting.SpinCountVariable) ?? "default"} threads={ThreadCount()} cpu_by_thread={CpuByThread()} library_untimed={library.Elapsed.TotalSeconds:F4} {phases}");
        return 0;
    }

    private static Task<Measurement> Self(IEnumerable<string> arguments) => Measurement.RunSelfAsync(arguments);

    /// <summary>
    /// CPU seconds of the live threads, summed by name (<c>name:seconds,…</c>, spaces as <c>_</c>), highest first: the
    /// training thread and XGBoost's OpenMP worker (which inherits its creator's name) against the runtime's own threads.
    /// </summary>
    private static string CpuByThread()
    {
        var ticks = new Dictionary<string, long>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            var (open, close) = (stat.IndexOf('('), stat.LastIndexOf(')'));
            var name = stat[(open + 1)..close].Replace(' ', '_');
            var fields = stat[(close + 2)..].Split(' '); // from field 3 (state) on: utime is field 14, stime 15
            ticks[name] = ticks.GetValueOrDefault(name) + long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        return string.Join(',', ticks.OrderByDescending(t => t.Value).Select(t => $"{t.Key}:{t.Value / 100.0:F2}"));
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static long ThreadCount() => StatusField("Threads:");

    private static long StatusField(string name)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(name, StringComparison.Ordinal));
        return long.Parse(line[name.Length..].Trim().Split(' ')[0]);
    }

    /// <summary>The whole process's CPU time and involuntary context switches (every thread's), from getrusage.</summary>
    private readonly record struct Usage(double CpuSeconds, long InvoluntarySwitches)
    {
        // struct rusage on 64-bit Linux: two timevals (user, system), then 14 longs; ru_nivcsw is the last.
        [DllImport("libc")]
        private static extern int getrusage(int who, long[] usage);

        public static Usage Now()
        {
            var fields = new long[18];
            getrusage(0, fields); // RUSAGE_SELF
            return new Usage(fields[0] + fields[1] / 1e6 + fields[2] + fields[3] / 1e6, fields[17]);
        }
    }
}
