using System.Runtime.InteropServices;

namespace Trainyard.Interop;

/// <summary>
/// How long XGBoost's OpenMP threads spin at a barrier before they sleep. libgomp's default spins about 300,000
/// times (~3 ms) per wait: the fastest on an idle machine, but where other work wants the cores (a CI runner, a
/// laptop building something else) a spinning thread burns the time slice its partner needs (1M rows, 2 threads,
/// 2 competing busy threads: 43 s spinning against 25 s with 10,000 spins, while 10,000 spins cost ~9% on an idle
/// machine; docs/benchmarks.md, "Training"). So the spin count is short only when other tasks are already runnable
/// when libxgboost loads. libgomp reads its settings once, when it loads, so this runs just before; a user's own
/// <c>OMP_WAIT_POLICY</c> or <c>GOMP_SPINCOUNT</c> is left alone.
/// </summary>
internal static partial class OpenMPWaiting
{
    internal const string SpinCountVariable = "GOMP_SPINCOUNT";
    internal const string WaitPolicyVariable = "OMP_WAIT_POLICY";
    internal const string ShortSpinCount = "10000";

    /// <summary>Sets a short <c>GOMP_SPINCOUNT</c> in the native environment when the machine is busy and the user chose no waiting behaviour.</summary>
    internal static void Configure()
    {
        if (Environment.GetEnvironmentVariable(SpinCountVariable) is not null) return;
        if (Environment.GetEnvironmentVariable(WaitPolicyVariable) is not null) return;
        if (OtherRunnableTasks() < 1) return;
        // .NET keeps its own copy of the environment on Unix; libgomp reads the C library's, so setenv it is.
        // Not inherited by child processes: .NET starts them from its own copy.
        setenv(SpinCountVariable, ShortSpinCount, overwrite: 0);
    }

    /// <summary>
    /// Tasks other than this one that are running or waiting for a core, the least of a few samples 2 ms apart (so
    /// a passing task does not count); 0 where <c>/proc/stat</c> cannot be read.
    /// </summary>
    internal static int OtherRunnableTasks()
    {
        var least = int.MaxValue;
        for (var sample = 0; sample < 5; sample++)
        {
            if (sample > 0) Thread.Sleep(2);
            try
            {
                var line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("procs_running ", StringComparison.Ordinal));
                if (line is null || !int.TryParse(line.AsSpan("procs_running ".Length), out var running)) return 0;
                least = Math.Min(least, running - 1);
            }
            catch (IOException) { return 0; }
            catch (UnauthorizedAccessException) { return 0; }
        }
        return Math.Max(0, least);
    }

    /// <summary>What libgomp will see, from the C library's environment (for tests and the benchmark).</summary>
    internal static string? NativeValue(string name) => Marshal.PtrToStringUTF8(getenv(name));

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint getenv(string name);
}
