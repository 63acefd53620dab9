using System.Diagnostics;
using System.Runtime.InteropServices;
using Trainyard.Data;
using Trainyard.Data.Table;
using Trainyard.Pipelines;
using Trainyard.Runtime.Scoring;
using Trainyard.Training;

namespace Trainyard.Benchmarks;

/// <summary>
/// `score`: the managed scorer against libxgboost's predict (Python's xgboost 1.7, inplace_predict) on the same
/// model and rows with the same thread count, side by side in one run, plus the managed scorer's single-row latency.
/// The Python side trains the model and writes it with the rows (xgboost_score.py); both sides time only predicting.
/// Per core is rows ÷ process CPU seconds: on a shared machine wall time also counts other processes' turns.
/// </summary>
internal static class ScoreCommand
{
    private const string Python = "/usr/bin/python3"; // Debian's python3-xgboost lives here, not in the pyenv one

    public static async Task<int> RunAsync(int rows, int rounds, int repetitions)
    {
        var folder = Path.Combine(Path.GetTempPath(), "trainyard-bench", "score");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {rows:N0} rows × 20 features (5% missing), " +
                          $"binary:logistic, {rounds} trees of depth 6; median of {repetitions} repetitions");
        var results = new List<(int Threads, Timing Ours, Timing Theirs)>();
        foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            var theirs = await RunPython(folder, rows, rounds, threads, repetitions);
            var scorer = await XGBoostScorer.LoadFileAsync(Path.Combine(folder, "model.json"));
            var matrix = ReadFloats(Path.Combine(folder, "rows.f32"));
            var output = new float[rows];
            var ours = MedianSeconds(repetitions, () =>
            {
                if (threads == 1) scorer.PredictBatch(matrix, output);
                else scorer.PredictBatch(matrix.AsMemory(), output.AsMemory(), threads);
            });
            var expected = ReadFloats(Path.Combine(folder, "expected.f32"));
            var largest = output.Zip(expected, (a, b) => Math.Abs(a - b)).Max();
            Console.WriteLine($"  {threads} thread(s): managed {rows / ours.Wall:N0} rows/s ({rows / ours.Cpu:N0} per CPU-second) | " +
                              $"libxgboost inplace_predict {rows / theirs.Inplace.Wall:N0} rows/s ({rows / theirs.Inplace.Cpu:N0} per CPU-second), " +
                              $"DMatrix+predict {rows / theirs.DMatrixWall:N0} rows/s | largest difference {largest:E2}");
            results.Add((threads, ours, theirs.Inplace));
            if (threads == 1)
            {
                Latency(scorer, matrix, TreeWalk.Scalar);
                Latency(scorer, matrix);
            }
        }

        Console.WriteLine("\n| threads | managed rows/s (wall) | libxgboost rows/s (wall) | managed rows per CPU-s | libxgboost rows per CPU-s | libxgboost per core ÷ managed per core |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var (threads, ours, theirs) in results)
            Console.WriteLine($"| {threads} | {rows / ours.Wall:N0} | {rows / theirs.Wall:N0} | {rows / ours.Cpu:N0} | {rows / theirs.Cpu:N0} | {ours.Cpu / theirs.Cpu:F2}× |");
        Console.WriteLine();
        FeatureMatrixBuild(1_000_000, numeric: 20, categoryLevels: [], repetitions);
        FeatureMatrixBuild(1_000_000, numeric: 12, categoryLevels: [3, 5, 8, 12, 20, 30, 40, 50], repetitions);
        return 0;
    }

    /// <summary>The build side: FeatureMatrix over an in-memory table of numeric and categorical columns (5% missing).</summary>
    private static void FeatureMatrixBuild(int rows, int numeric, int[] categoryLevels, int repetitions)
    {
        var random = new Random(3);
        var columns = new List<DataColumn>();
        for (var c = 0; c < numeric; c++)
        {
            var missing = Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.05).ToArray();
            columns.Add(new NumericColumn($"num{c:00}", missing.Select(m => m ? double.NaN : random.NextDouble()).ToArray(), missing));
        }
        foreach (var (levels, c) in categoryLevels.Select((l, i) => (l, i)))
            columns.Add(new CategoricalColumn($"cat{c}", Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.05 ? -1 : random.Next(levels)).ToArray(),
                Enumerable.Range(0, levels).Select(k => $"level_{k:00}").ToArray()));
        var table = new DataTable("synthetic", columns, new long[rows]);
        var all = Enumerable.Range(0, rows).ToArray();
        var matrix = FeatureMatrix.Fit(table, all, null, "num00", PipelineTask.Regression);
        var build = MedianSeconds(repetitions, () => matrix.Build(all));
        var buffer = matrix.Build(all);
        var reused = MedianSeconds(repetitions, () => matrix.Build(all, buffer));
        var fit = MedianSeconds(repetitions, () => FeatureMatrix.Fit(table, all, null, "num00", PipelineTask.Regression));
        Console.WriteLine($"FeatureMatrix, {rows:N0} rows × {columns.Count} columns ({numeric} numeric) → {matrix.Width} features: fit {fit.Wall * 1000:F0} ms, " +
                          $"build {build.Wall * 1000:F0} ms wall ({build.Cpu * 1000:F0} ms CPU), into a reused buffer {reused.Wall * 1000:F0} ms wall ({reused.Cpu * 1000:F0} ms CPU)");
    }

    /// <summary>One row at a time through the public single-row API, each call timed on its own.</summary>
    private static void Latency(XGBoostScorer scorer, float[] matrix, TreeWalk walk = TreeWalk.Fastest)
    {
        var width = scorer.FeatureCount;
        var count = Math.Min(50_000, matrix.Length / width);
        var output = new float[1];
        for (var r = 0; r < 2_000; r++) scorer.Predict(matrix.AsSpan(r % count * width, width), output, walk); // warm-up, tiered JIT
        var micros = new double[count];
        for (var r = 0; r < count; r++)
        {
            var start = Stopwatch.GetTimestamp();
            scorer.Predict(matrix.AsSpan(r * width, width), output, walk);
            micros[r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(micros);
        var how = walk == TreeWalk.Scalar ? "scalar 8-tree walk" : scorer.WalksVectors ? "vector walk" : "scalar walk (no AVX-512)";
        Console.WriteLine($"  single row, {how} ({count:N0} calls, {scorer.TreeCount} trees): p50 {Quantile(micros, 0.50):F1} µs, " +
                          $"p95 {Quantile(micros, 0.95):F1} µs, p99 {Quantile(micros, 0.99):F1} µs");
    }

    private static async Task<(Timing Inplace, double DMatrixWall)> RunPython(string folder, int rows, int rounds, int threads, int repetitions)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "xgboost_score.py"), folder, $"{rows}", $"{rounds}", $"{threads}", $"{repetitions}" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"xgboost_score.py failed ({process.ExitCode}): {await errors}");
        var fields = (await output).Trim().Split('\n')[^1].Split(' ').Select(f => f.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return (new Timing(double.Parse(fields["seconds"]), double.Parse(fields["cpu_seconds"])), double.Parse(fields["dmatrix_seconds"]));
    }

    /// <summary>Median wall and process CPU seconds of the repetitions, after one warm-up run.</summary>
    private static Timing MedianSeconds(int repetitions, Action run)
    {
        run();
        var wall = new double[repetitions];
        var cpu = new double[repetitions];
        using var self = Process.GetCurrentProcess();
        for (var rep = 0; rep < repetitions; rep++)
        {
            self.Refresh();
            var startCpu = self.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            run();
            wall[rep] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            self.Refresh();
            cpu[rep] = (self.TotalProcessorTime - startCpu).TotalSeconds;
        }
        Array.Sort(wall);
        Array.Sort(cpu);
        return new Timing(Quantile(wall, 0.5), Quantile(cpu, 0.5));
    }

    private sealed record Timing(double Wall, double Cpu);

    private static double Quantile(double[] sorted, double q) => sorted[(int)Math.Min(sorted.Length - 1, Math.Round(q * (sorted.Length - 1)))];

    private static float[] ReadFloats(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
}
