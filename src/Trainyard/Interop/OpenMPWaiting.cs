using System.Runtime.InteropServices;

namespace Trainyard.Interop;

/// <summary>
/// How long XGBoost's OpenMP threads spin at a barrier before they sleep. libgomp's default spins about 300,000
/// times (milliseconds) per wait, which on a shared machine (a CI runner, a laptop building something else) burns the
/// time slice the other thread needs: 200,000 rows, 2 threads, 2 competing busy threads took 8–28 s that way against
/// 5–7 s spinning 10,000 times, which costs nothing measurable on a quiet machine (docs/benchmarks.md, "Training").
/// libgomp reads its settings once, when it loads, so this must run before libxgboost does. A user's own
/// <c>OMP_WAIT_POLICY</c> or <c>GOMP_SPINCOUNT</c> is left alone.
/// </summary>
internal static partial class OpenMPWaiting
{
    internal const string SpinCountVariable = "GOMP_SPINCOUNT";
    internal const string WaitPolicyVariable = "OMP_WAIT_POLICY";
    internal const string SpinCount = "10000";

    /// <summary>Sets <c>GOMP_SPINCOUNT</c> in the native environment unless the user chose a waiting behaviour.</summary>
    internal static void Configure()
    {
        if (Environment.GetEnvironmentVariable(SpinCountVariable) is not null) return;
        if (Environment.GetEnvironmentVariable(WaitPolicyVariable) is not null) return;
        // .NET keeps its own copy of the environment on Unix; libgomp reads the C library's, so setenv it is.
        // Not inherited by child processes: .NET starts them from its own copy.
        setenv(SpinCountVariable, SpinCount, overwrite: 0);
    }

    /// <summary>What libgomp will see, from the C library's environment (for tests and the benchmark).</summary>
    internal static string? NativeValue(string name) => Marshal.PtrToStringUTF8(getenv(name));

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint getenv(string name);
}
