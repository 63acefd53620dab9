using System.Reflection;

namespace Trainyard.Benchmarks;

/// <summary>
/// Trainyard's scan against DuckDB and pandas on the same files, rotating which goes first in each repetition so no
/// side always gets the warmer page cache, at n and 2n rows to show whether peak memory follows file size.
/// </summary>
internal static class Comparison
{
    private const string Python = "/usr/bin/python3"; // Debian's python3-pandas lives here, not in the pyenv one

    public static async Task<int> RunAsync(int rows, int repetitions)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {TotalMemoryGigabytes():F1} GB memory; " +
                          $"workers: all {Environment.ProcessorCount} cores; repetitions: {repetitions}");
        var summaries = new List<(int Rows, double Ours, double Duck, double Theirs, long OurPeak, long DuckPeak, long TheirPeak, long StreamingPeak)>();
        foreach (var size in new[] { rows, rows * 2 })
        {
            var file = SyntheticCsv.Ensure(size);
            Console.WriteLine($"\n{size:N0} rows × 20 columns: {file} ({new FileInfo(file).Length / 1e6:F0} MB)");
            var ours = new List<Measurement>();
            var ducks = new List<Measurement>();
            var theirs = new List<Measurement>();
            var sides = new Func<Task>[]
            {
                async () => ours.Add(await Trainyard(file)),
                async () => ducks.Add(await Child("duckdb-run", file)),
                async () => theirs.Add(await Measurement.RunAsync(Python, [Path.Combine(AppContext.BaseDirectory, "pandas_profile.py"), file])),
            };
            for (var rep = 0; rep < repetitions; rep++)
            {
                for (var s = 0; s < sides.Length; s++) await sides[(rep + s) % sides.Length]();
                Console.WriteLine($"  rep {rep + 1}: trainyard {ours[^1].Seconds:F3} s {ours[^1].PeakKilobytes / 1024} MB (cpu {ours[^1].CpuSeconds:F2} s) | " +
                                  $"duckdb {ducks[^1].Seconds:F3} s {ducks[^1].PeakKilobytes / 1024} MB | " +
                                  $"pandas {theirs[^1].Seconds:F3} s {theirs[^1].PeakKilobytes / 1024} MB");
            }
            // Exact duplicate detection keeps one hash per distinct row (up to its cap), so also show the peak without it.
            var streaming = await Trainyard(file, "--no-duplicates");
            summaries.Add((size, Statistics.Median(ours.Select(m => m.Seconds)), Statistics.Median(ducks.Select(m => m.Seconds)),
                Statistics.Median(theirs.Select(m => m.Seconds)), Peak(ours), Peak(ducks), Peak(theirs), streaming.PeakKilobytes));
        }

        Console.WriteLine("\n| rows | Trainyard s | DuckDB s | pandas s | Trainyard rows/s | DuckDB ÷ Trainyard | pandas ÷ Trainyard | " +
                          "Trainyard peak MB | DuckDB peak MB | pandas peak MB | Trainyard peak MB without duplicate rows |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in summaries)
            Console.WriteLine($"| {s.Rows:N0} | {s.Ours:F3} | {s.Duck:F3} | {s.Theirs:F3} | {s.Rows / s.Ours:N0} | {s.Duck / s.Ours:F2}× | {s.Theirs / s.Ours:F2}× | " +
                              $"{s.OurPeak / 1024} | {s.DuckPeak / 1024} | {s.TheirPeak / 1024} | {s.StreamingPeak / 1024} |");
        return 0;
    }

    private static long Peak(IEnumerable<Measurement> runs) => (long)Statistics.Median(runs.Select(m => (double)m.PeakKilobytes));

    private static Task<Measurement> Trainyard(string file, params string[] extra) => Child("scan", file, extra);

    /// <summary>One child run of this program's <paramref name="command"/> (scan, duckdb-run) on the file.</summary>
    private static Task<Measurement> Child(string command, string file, params string[] extra)
    {
        // Re-invoke this program; under `dotnet x.dll` the process is dotnet itself, so pass the assembly too.
        var self = Environment.ProcessPath!;
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") arguments.Add(Assembly.GetExecutingAssembly().Location);
        arguments.AddRange([command, file]);
        arguments.AddRange(extra);
        return Measurement.RunAsync(self, arguments);
    }

    private static double TotalMemoryGigabytes()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0]) / 1024.0 / 1024.0;
    }
}
