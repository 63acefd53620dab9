using System.Globalization;
using System.Text.RegularExpressions;

namespace Trainyard.Tests.Serving;

/// <summary>/metrics carries the process's CPU and the runtime's GC and thread-pool counters beside the server's own.</summary>
[Collection(ServingCollection.Name)]
public sealed class RuntimeMetricsTests(PackagedSample sample)
{
    [Fact]
    public async Task MetricsCountTheProcessCpuAndTheGarbageCollectorsWork()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        var before = await server.Http.GetStringAsync("/metrics");

        for (var i = 0; i < 50; i++) await PredictTests.PostOkAsync(server, sample.TestRows[i]);
        var after = await server.Http.GetStringAsync("/metrics");

        foreach (var name in new[] { "process_cpu_seconds_total", "process_resident_memory_bytes", "dotnet_gc_heap_bytes", "dotnet_gc_allocated_bytes_total",
                     "dotnet_gc_pause_seconds_total", "dotnet_threadpool_threads", "dotnet_threadpool_queue_length", "dotnet_lock_contentions_total" })
            Assert.Contains($"# TYPE {name} ", after);
        // Fifty parsed and answered requests allocate and take CPU time: both counters move.
        Assert.True(Value(after, "dotnet_gc_allocated_bytes_total") > Value(before, "dotnet_gc_allocated_bytes_total"));
        Assert.True(Value(after, "process_cpu_seconds_total") > Value(before, "process_cpu_seconds_total"));
        Assert.True(Value(after, "process_resident_memory_bytes") > 1_000_000);
        Assert.Matches("dotnet_gc_collections_total\\{generation=\"0\"\\} \\d+\n", after);
        Assert.Matches("dotnet_gc_collections_total\\{generation=\"2\"\\} \\d+\n", after);
    }

    static double Value(string metrics, string name) =>
        double.Parse(Regex.Match(metrics, $"^{name} (\\S+)$", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);
}
