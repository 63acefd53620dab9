using System.Globalization;

namespace Trainyard.Benchmarks;

/// <summary>
/// <c>train-mlnet</c>: Trainyard's Train with each trainer (load the CSV + featurize + train, <see cref="MLNetTrainRun"/>)
/// beside ML.NET's own end-to-end (TextLoader + Concatenate + the same trainer, <see cref="MLNetPeer"/>) on the same
/// CSV of <see cref="SyntheticMatrix"/>'s rows, each run in its own process; the order of the sides is reversed every
/// other repetition. Test AUC on a second file generated with another seed, computed by <see cref="TestAuc"/> for all.
/// </summary>
internal static class MLNetTrainCommand
{
    private const int TestSeed = 43;

    public static async Task<int> CompareAsync(int rows, int testRows, int repetitions, int threads, int rounds, IReadOnlyList<string> trainers)
    {
        var unknown = trainers.Where(t => t is not ("xgboost" or "fasttree" or "lightgbm")).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"train-mlnet: --trainers takes xgboost, fasttree and lightgbm; not {string.Join(", ", unknown)}");
            return 2;
        }
        var train = SyntheticMatrixCsv.Ensure(rows);
        var test = SyntheticMatrixCsv.Ensure(testRows, TestSeed);
        var sides = trainers.SelectMany(t => t == "xgboost" ? [$"trainyard-{t}"] : new[] { $"trainyard-{t}", $"mlnet-{t}" }).ToList();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}; train {rows:N0} rows × {SyntheticMatrix.Columns} " +
                          $"features ({train}), test {testRows:N0} rows (seed {TestSeed}); {rounds} trees, xgboost max_depth 6 ↔ " +
                          $"number_of_leaves {MLNetPeer.Leaves}, learning rate {MLNetPeer.LearningRate}, {threads} threads, no early stopping; " +
                          $"repetitions: {repetitions}");
        var runs = sides.ToDictionary(s => s, _ => new List<Measurement>());
        for (var rep = 0; rep < repetitions; rep++)
        {
            var order = rep % 2 == 0 ? sides : Enumerable.Reverse(sides).ToList();
            foreach (var side in order)
            {
                var run = await Measurement.RunSelfAsync(["train-mlnet-run", side, train, test, $"{threads}", $"{rounds}"]);
                runs[side].Add(run);
                Console.WriteLine($"  rep {rep + 1} {side,-18} {run.Seconds,8:F2} s  cpu {run.CpuSeconds,8:F2} s  " +
                                  $"{run.PeakKilobytes / 1024,6} MB  auc {run.Fields["auc"]}" +
                                  (run.Fields.TryGetValue("load", out var load) ? $"  (load {load} s, featurize {run.Fields["featurize"]} s, train {run.Fields["train"]} s)" : ""));
            }
        }
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        Console.WriteLine("\n| side | what it does | s (median) | CPU s (median) | peak MB | test AUC | s ÷ ML.NET's | CPU ÷ ML.NET's |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var side in sides)
        {
            var trainer = side.Split('-', 2)[1];
            var peer = side.StartsWith("trainyard-", StringComparison.Ordinal) && runs.TryGetValue($"mlnet-{trainer}", out var p) ? p : null;
            var (wall, cpu) = (Median(runs[side], m => m.Seconds), Median(runs[side], m => m.CpuSeconds));
            var what = side.StartsWith("mlnet-", StringComparison.Ordinal)
                ? $"ML.NET: TextLoader + Concatenate + cache + {trainer}"
                : $"Trainyard: CSV → table → FeatureMatrix → {trainer}";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {side} | {what} | {wall:F2} | {cpu:F2} | {Median(runs[side], m => m.PeakKilobytes / 1024.0):F0} | " +
                $"{Median(runs[side], m => double.Parse(m.Fields["auc"], CultureInfo.InvariantCulture)):F4} | " +
                $"{(peer is null ? "" : $"{wall / Median(peer, m => m.Seconds):F2}×")} | {(peer is null ? "" : $"{cpu / Median(peer, m => m.CpuSeconds):F2}×")} |"));
        }
        return 0;
    }

    private static double Median(List<Measurement> runs, Func<Measurement, double> value) => Statistics.Median(runs.Select(value));

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
