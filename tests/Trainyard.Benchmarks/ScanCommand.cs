using System.Diagnostics;
using Trainyard.Data;
using Trainyard.Data.Profiling;
using Trainyard.Data.Validation;
using Trainyard.Pipelines;

namespace Trainyard.Benchmarks;

/// <summary>
/// The child process of one measurement: ValidateData's own code path (one streaming scan that profiles every
/// column and checks every value against a schema, then the data-set, label and schema rules) on a synthetic file.
/// </summary>
internal static class ScanCommand
{
    /// <param name="dumpPrefix">When set, writes the profile and validation JSON to <c>{prefix}.profile.json</c> and
    /// <c>{prefix}.validation.json</c>, so an optimization can be checked to leave them byte-identical.</param>
    /// <param name="warmups">Runs before the measured one, in the same process: the difference shows what start-up
    /// (JIT, type loading, first use of the thread pool) costs inside the measured time.</param>
    public static async Task<int> RunAsync(string path, bool detectDuplicates = true, string? dumpPrefix = null, int warmups = 0)
    {
        var root = Path.GetDirectoryName(path)!;
        var spec = await WriteSpecAsync(root, Path.GetFileName(path), detectDuplicates);
        for (var i = 0; i < warmups; i++)
        {
            var (warm, warmCpu) = (Stopwatch.StartNew(), Environment.CpuUsage.TotalTime);
            await DataValidation.RunAsync(spec, root, ProfileOptions.Default, progress: null, CancellationToken.None);
            Console.WriteLine($"warm-up {i + 1}: {warm.Elapsed.TotalSeconds:F4} s, cpu {(Environment.CpuUsage.TotalTime - warmCpu).TotalSeconds:F4} s");
        }

        var (cpu, jit, jitted) = (Environment.CpuUsage.TotalTime, System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
        var stopwatch = Stopwatch.StartNew();
        var (result, profile) = await DataValidation.RunAsync(spec, root, ProfileOptions.Default, progress: null, CancellationToken.None);
        stopwatch.Stop();
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        if (dumpPrefix is not null)
        {
            await File.WriteAllTextAsync($"{dumpPrefix}.profile.json", ProfileJson.Serialize(profile));
            await File.WriteAllTextAsync($"{dumpPrefix}.validation.json", ValidationJson.Serialize(result));
        }

        Console.WriteLine($"rows={result.Rows} seconds={stopwatch.Elapsed.TotalSeconds:F4} peak_kb={PeakResidentKilobytes()} cpu={cpuSeconds:F4} " +
                          $"jit_seconds={(System.Runtime.JitInfo.GetCompilationTime() - jit).TotalSeconds:F4} jit_methods={System.Runtime.JitInfo.GetCompiledMethodCount() - jitted} " +
                          $"missing={profile.Columns.Sum(c => c.Missing)} errors={result.Errors} warnings={result.Warnings}");
        return result.Passed ? 0 : 1;
    }

    /// <summary>A regression pipeline over the synthetic columns, with a schema that declares every type, range and category.</summary>
    static async Task<PipelineSpec> WriteSpecAsync(string root, string file, bool detectDuplicates)
    {
        var schemaPath = $"{Path.GetFileNameWithoutExtension(file)}.schema.yml";
        var columns = new List<ColumnSchema>();
        for (var i = 0; i < SyntheticCsv.NumericColumns; i++)
            columns.Add(new ColumnSchema { Name = $"num{i:00}", Type = ColumnType.Numeric, Min = -1e12, Max = 1e12, MaxNullRate = 0.06 });
        foreach (var (levels, i) in SyntheticCsv.CategoryLevels.Select((l, i) => (l, i)))
            columns.Add(new ColumnSchema
            {
                Name = $"cat{i}", Type = ColumnType.Categorical, MaxNullRate = 0.06,
                Categories = Enumerable.Range(0, levels).Select(k => $"level_{k:00}").ToList(),
            });
        await SchemaFile.SaveAsync(Path.Combine(root, schemaPath), new DatasetSchema { Columns = columns, Label = "num00" }, "benchmark schema");
        return new PipelineSpec
        {
            Name = "benchmark",
            Task = PipelineTask.Regression,
            Data = new DataSpec { Path = file, Label = "num00" },
            Schema = schemaPath,
            Validation = new ValidationSpec
            {
                LabelRequired = false,
                DuplicateRows = new DuplicateRowsRule { Severity = detectDuplicates ? CheckSeverity.Warning : CheckSeverity.Off },
            },
            SourcePath = "benchmark.yml",
        };
    }

    static long PeakResidentKilobytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]);
    }
}
