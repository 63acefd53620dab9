using System.Diagnostics;
using System.Reflection;
using Microsoft.Data.Analysis;

namespace Trainyard.Benchmarks;

/// <summary>
/// Microsoft.Data.Analysis against ValidateData on the same file: <c>DataFrame.LoadCsv</c> + <c>Description()</c>
/// (load every value, then count, mean, min and max per numeric column) against ValidateData's scan, each in its
/// own child process so peak memory (VmHWM) is the side's own, alternating which runs first.
/// </summary>
internal static class DataFrameCommand
{
    public static async Task<int> CompareAsync(int rows, int repetitions)
    {
        var file = SyntheticCsv.Ensure(rows);
        Console.WriteLine($"{rows:N0} rows × 20 columns: {file} ({new FileInfo(file).Length / 1e6:F0} MB); " +
                          $"{Environment.ProcessorCount} cores; repetitions: {repetitions}");
        var (scan, frame) = (new List<Measurement>(), new List<Measurement>());
        for (var rep = 0; rep < repetitions; rep++)
        {
            if (rep % 2 == 0) scan.Add(await Child("scan", file));
            frame.Add(await Child("dataframe-run", file));
            if (rep % 2 != 0) scan.Add(await Child("scan", file));
            Console.WriteLine($"  rep {rep + 1}: ValidateData {scan[^1].Seconds:F3} s {scan[^1].PeakKilobytes / 1024} MB | " +
                              $"DataFrame {frame[^1].Seconds:F3} s {frame[^1].PeakKilobytes / 1024} MB");
        }
        var (scanSeconds, frameSeconds) = (Statistics.Median(scan.Select(m => m.Seconds)), Statistics.Median(frame.Select(m => m.Seconds)));
        Console.WriteLine("\n| side | median s | rows/s | peak MB (median) |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| ValidateData (scan, schema checks, duplicates) | {scanSeconds:F3} | {rows / scanSeconds:N0} | {Statistics.Median(scan.Select(m => (double)m.PeakKilobytes)) / 1024:F0} |");
        Console.WriteLine($"| DataFrame.LoadCsv + Description() | {frameSeconds:F3} | {rows / frameSeconds:N0} | {Statistics.Median(frame.Select(m => (double)m.PeakKilobytes)) / 1024:F0} |");
        return 0;
    }

    /// <summary>The child process of one DataFrame measurement; prints the line <see cref="Measurement"/> reads.</summary>
    public static int RunOnce(string path)
    {
        var stopwatch = Stopwatch.StartNew();
        var frame = DataFrame.LoadCsv(path);
        var description = frame.Description();
        stopwatch.Stop();
        Console.WriteLine($"rows={frame.Rows.Count} seconds={stopwatch.Elapsed.TotalSeconds:F4} peak_kb={PeakResidentKilobytes()} " +
                          $"described_columns={description.Columns.Count - 1} " +
                          $"types={string.Join(',', frame.Columns.GroupBy(c => c.DataType.Name).Select(g => $"{g.Key}:{g.Count()}"))}");
        return 0;
    }

    static Task<Measurement> Child(string command, string file)
    {
        var self = Environment.ProcessPath!;
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") arguments.Add(Assembly.GetExecutingAssembly().Location);
        arguments.AddRange([command, file]);
        return Measurement.RunAsync(self, arguments);
    }

    static long PeakResidentKilobytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]);
    }
}
