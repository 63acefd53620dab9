using System.Reflection;

namespace Trainyard.Benchmarks;

/// <summary>
/// Trainyard's scan against pandas on the same files, alternating which goes first in each repetition so neither
/// side always gets the warmer page cache, at n and 2n rows to show whether peak memory follows file size.
/// </summary>
internal static class Comparison
{
    private const string Python = "/usr/bin/python3"; // Debian's python3-pandas lives here, not in the pyenv one

    public static async Task<int> RunAsync(int rows, int repetitions)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {TotalMemoryGigabytes():F1} GB memory; " +
                          $"workers: all {Environment.ProcessorCount} cores; repetitions: {repetitions}");
        var summaries = new List<(int Rows, double Ours, double Theirs, long OurPeak, long TheirPeak, long StreamingPeak)>();
        foreach (var size in new[] { rows, rows * 2 })
        {
            var file = SyntheticCsv.Ensure(size);
            Console.WriteLine($"\n{size:N0} rows × 20 columns: {file} ({new FileInfo(file).Length / 1e6:F0} MB)");
            var ours = new List<Measurement>();
            var theirs = new List<Measurement>();
            for (var rep = 0; rep < repetitions; rep++)
            {
                var oursFirst = rep % 2 == 0;
                if (oursFirst) ours.Add(await Trainyard(file));
                theirs.Add(await Measurement.RunAsync(Python, [Path.Combine(AppContext.BaseDirectory, "pandas_profile.py"), file]));
                if (!oursFirst) ours.Add(await Trainyard(file));
                Console.WriteLine($"  rep {rep + 1}: trainyard {ours[^1].Seconds:F3} s {ours[^1].PeakKilobytes / 1024} MB | " +
                                  $"pandas {theirs[^1].Seconds:F3} s {theirs[^1].PeakKilobytes / 1024} MB");
            }
            // Exact duplicate detection keeps one hash per distinct row (up to its cap), so also show the peak without it.
            var streaming = await Trainyard(file, "--no-duplicates");
            summaries.Add((size, Statistics.Median(ours.Select(m => m.RowsPerSecond)), Statistics.Median(theirs.Select(m => m.RowsPerSecond)),
                (long)Statistics.Median(ours.Select(m => (double)m.PeakKilobytes)), (long)Statistics.Median(theirs.Select(m => (double)m.PeakKilobytes)), streaming.PeakKilobytes));
        }

        Console.WriteLine("\n| rows | Trainyard rows/s | pandas rows/s | ratio | Trainyard peak MB | pandas peak MB | Trainyard peak MB without duplicate rows |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in summaries)
            Console.WriteLine($"| {s.Rows:N0} | {s.Ours:N0} | {s.Theirs:N0} | {s.Ours / s.Theirs:F2}× | {s.OurPeak / 1024} | {s.TheirPeak / 1024} | {s.StreamingPeak / 1024} |");
        return 0;
    }

    private static Task<Measurement> Trainyard(string file, params string[] extra)
    {
        // Re-invoke this program; under `dotnet x.dll` the process is dotnet itself, so pass the assembly too.
        var self = Environment.ProcessPath!;
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") arguments.Add(Assembly.GetExecutingAssembly().Location);
        arguments.AddRange(["scan", file]);
        arguments.AddRange(extra);
        return Measurement.RunAsync(self, arguments);
    }

    private static double TotalMemoryGigabytes()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0]) / 1024.0 / 1024.0;
    }
}
