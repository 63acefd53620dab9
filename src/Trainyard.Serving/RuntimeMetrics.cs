using System.Globalization;
using System.Text;
using Trainyard.Runtime.Metrics;

namespace Trainyard.Serving;

/// <summary>
/// The process's own counters on /metrics, under the names Prometheus client libraries use: CPU time, memory, the
/// garbage collector's collections and pauses, the thread pool's threads and queue. Read when scraped; what they
/// answer is whether a slow stretch was the server's own doing (a GC pause, a queue) or the machine's.
/// </summary>
internal static class RuntimeMetrics
{
    public static void Write(StringBuilder text)
    {
        var cpu = Environment.CpuUsage;
        Series(text, "process_cpu_seconds_total", "counter", "CPU time the process used, user and system.", cpu.TotalTime.TotalSeconds);
        Series(text, "process_resident_memory_bytes", "gauge", "Resident memory of the process.", Environment.WorkingSet);
        Series(text, "dotnet_gc_heap_bytes", "gauge", "Bytes on the managed heap after the last collection.", GC.GetGCMemoryInfo().HeapSizeBytes);
        Series(text, "dotnet_gc_allocated_bytes_total", "counter", "Bytes allocated on the managed heap since start.", GC.GetTotalAllocatedBytes());
        PrometheusText.Header(text, "dotnet_gc_collections_total", "counter", "Garbage collections by generation (a generation's count includes the collections of the older ones).");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
            text.Append(CultureInfo.InvariantCulture, $"dotnet_gc_collections_total{{generation=\"{generation}\"}} {GC.CollectionCount(generation)}\n");
        Series(text, "dotnet_gc_pause_seconds_total", "counter", "Time the garbage collector had the process's threads paused.", GC.GetTotalPauseDuration().TotalSeconds);
        Series(text, "dotnet_threadpool_threads", "gauge", "Threads in the thread pool.", ThreadPool.ThreadCount);
        Series(text, "dotnet_threadpool_queue_length", "gauge", "Work items waiting for a thread-pool thread.", ThreadPool.PendingWorkItemCount);
        Series(text, "dotnet_threadpool_completed_items_total", "counter", "Work items the thread pool ran.", ThreadPool.CompletedWorkItemCount);
        Series(text, "dotnet_lock_contentions_total", "counter", "Times a thread waited for a lock another held.", Monitor.LockContentionCount);
    }

    /// <summary>One unlabelled series with its HELP and TYPE lines.</summary>
    static void Series(StringBuilder text, string name, string type, string help, double value)
    {
        PrometheusText.Header(text, name, type, help);
        text.Append(name).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }
}
