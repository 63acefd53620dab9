using System.Diagnostics;
using DuckDB.NET.Data;

namespace Trainyard.Benchmarks;

/// <summary>
/// The DuckDB side of the scan comparison: <c>SUMMARIZE SELECT * FROM read_csv_auto(file)</c> on 2 threads — per
/// column min, max, approximate distinct count, average, standard deviation, approximate quartiles, count and null
/// percentage, types inferred from the data. Runs in its own child process, so peak memory (VmHWM) is DuckDB's.
/// </summary>
internal static class DuckDbCommand
{
    public static int RunOnce(string path, int threads = 2)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var set = connection.CreateCommand())
        {
            set.CommandText = $"SET threads={threads}";
            set.ExecuteNonQuery();
        }
        var stopwatch = Stopwatch.StartNew();
        using var command = connection.CreateCommand();
        command.CommandText = $"SUMMARIZE SELECT * FROM read_csv_auto('{path.Replace("'", "''")}')";
        long columns = 0, rows = 0;
        using (var reader = command.ExecuteReader())
        {
            var count = reader.GetOrdinal("count");
            while (reader.Read())
            {
                columns++;
                rows = Convert.ToInt64(reader.GetValue(count));
            }
        }
        stopwatch.Stop();
        Console.WriteLine($"rows={rows} seconds={stopwatch.Elapsed.TotalSeconds:F4} peak_kb={PeakResidentKilobytes()} columns={columns}");
        return 0;
    }

    static long PeakResidentKilobytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]);
    }
}
