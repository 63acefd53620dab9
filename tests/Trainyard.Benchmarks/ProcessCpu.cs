using System.Runtime.InteropServices;

namespace Trainyard.Benchmarks;

/// <summary>
/// This process's CPU time in nanoseconds (clock_gettime's CLOCK_PROCESS_CPUTIME_ID): Process.TotalProcessorTime
/// counts in 10 ms ticks, too coarse for a loop of calls lasting a fraction of a second.
/// </summary>
internal static class ProcessCpu
{
    private const int ClockProcessCpuTime = 2;
    private const int ClockThreadCpuTime = 3;

    public static long Nanoseconds() => Read(ClockProcessCpuTime);

    /// <summary>The calling thread's CPU time: stable from run to run even on a loaded machine, unlike wall time.</summary>
    public static long ThreadNanoseconds() => Read(ClockThreadCpuTime);

    private static long Read(int clock)
    {
        if (ClockGetTime(clock, out var time) != 0) throw new InvalidOperationException($"clock_gettime failed ({Marshal.GetLastPInvokeError()})");
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
