using System.Diagnostics;
using Trainyard.Training;

namespace Trainyard.Benchmarks;

/// <summary>
/// Training benchmark: Trainyard's load + train (XGBoostTrainer, the Train target's trainer) against Python xgboost
/// 1.7.4's load + DMatrix + train + JSON save, on the same raw float32 file with the same parameters and threads.
/// Each side runs in its own process and times only the work; the sides alternate which goes first.
/// </summary>
internal static class TrainCommand
{
    private const string Python = "/usr/bin/python3"; // Debian's python3-xgboost lives here, not in the pyenv one

    public static async Task<int> CompareAsync(int rows, int repetitions, int threads, int rounds)
    {
        var file = SyntheticMatrix.Ensure(rows);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {rows:N0} rows × {SyntheticMatrix.Columns} features " +
                          $"({file}); {rounds} rounds, max_depth 6, eta 0.1, hist, nthread {threads}; repetitions: {repetitions}");
        var sizes = new[] { rows.ToString(), SyntheticMatrix.Columns.ToString(), threads.ToString(), rounds.ToString() };
        var ours = new List<Measurement>();
        var theirs = new List<Measurement>();
        for (var rep = 0; rep < repetitions; rep++)
        {
            var oursFirst = rep % 2 == 0;
            if (oursFirst) ours.Add(await Self(["train-run", file, .. sizes]));
            theirs.Add(await Measurement.RunAsync(Python, [Path.Combine(AppContext.BaseDirectory, "xgboost_train.py"), file, .. sizes]));
            if (!oursFirst) ours.Add(await Self(["train-run", file, .. sizes]));
            Console.WriteLine($"  rep {rep + 1}: trainyard {ours[^1].Seconds:F3} s {ours[^1].PeakKilobytes / 1024} MB | " +
                              $"python xgboost {theirs[^1].Seconds:F3} s {theirs[^1].PeakKilobytes / 1024} MB");
        }
        var (our, their) = (Statistics.Median(ours.Select(m => m.Seconds)), Statistics.Median(theirs.Select(m => m.Seconds)));
        Console.WriteLine("\n| rows | Trainyard s (median) | Python xgboost s (median) | ratio Trainyard / Python | Trainyard peak MB | Python peak MB |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {rows:N0} | {our:F2} | {their:F2} | {our / their:F3}× | " +
                          $"{Statistics.Median(ours.Select(m => (double)m.PeakKilobytes)) / 1024:F0} | {Statistics.Median(theirs.Select(m => (double)m.PeakKilobytes)) / 1024:F0} |");
        return 0;
    }

    /// <summary>The child process: one load + train, printing <c>rows=… seconds=… peak_kb=…</c>.</summary>
    public static async Task<int> RunOnceAsync(string file, int rows, int columns, int threads, int rounds)
    {
        var stopwatch = Stopwatch.StartNew();
        var (features, labels) = SyntheticMatrix.Read(file, rows);
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
        Console.WriteLine($"rows={rows} seconds={stopwatch.Elapsed.TotalSeconds:F4} peak_kb={Measurement.PeakResidentKilobytes()} model_bytes={model.ModelJson.Length}");
        return 0;
    }

    private static Task<Measurement> Self(IEnumerable<string> arguments) => Measurement.RunSelfAsync(arguments);
}
