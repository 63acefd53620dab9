using System.Diagnostics;
using Trainyard.Data.Csv;
using Trainyard.Data.Profiling;
using Trainyard.Data.Scanning;

namespace Trainyard.Benchmarks;

/// <summary>
/// The Trainyard side, run in a child process so its peak memory is its own: one full streaming scan, then one
/// result line with wall time and VmHWM (peak resident set) from /proc/self/status.
/// </summary>
internal static class ScanCommand
{
    // The one line to switch to the real column profiler once Data/Profiling lands.
    private static IColumnAccumulator CreateAccumulator(int columnIndex, string columnName) => new CountingAccumulator();

    public static async Task<int> RunAsync(string path, int? workers, bool detectDuplicates = true)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await DataScan.RunAsync(path, CsvFormat.Default, CreateAccumulator, new ScanOptions { Workers = workers, DetectDuplicateRows = detectDuplicates });
        stopwatch.Stop();
        var missing = result.Accumulators.OfType<CountingAccumulator>().Sum(a => a.Missing);
        Console.WriteLine($"rows={result.RowCount} seconds={stopwatch.Elapsed.TotalSeconds:F4} peak_kb={PeakResidentKilobytes()} " +
                          $"missing={missing} duplicates={result.DuplicateRows?.Count}");
        return 0;
    }

    private static long PeakResidentKilobytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]);
    }
}
