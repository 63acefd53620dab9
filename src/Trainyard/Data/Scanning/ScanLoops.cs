using System.Reflection;
using System.Runtime.CompilerServices;
using Trainyard.Data.Csv;
using Trainyard.Data.Profiling;

namespace Trainyard.Data.Scanning;

/// <summary>
/// The scan's <see cref="MethodImplOptions.AggressiveOptimization"/> loops, JIT-compiled on a thread of their own
/// while the caller reads the schema and the header. ReadyToRun leaves them to the JIT (that is what the attribute
/// asks for), and without this the first worker compiles them as it reaches them — a dozen methods of several KB of
/// code each — while the other worker waits for the same methods. The attribute decides which methods are compiled:
/// a new loop needs only to be on one of these types.
/// </summary>
internal static class ScanLoops
{
    // Roughly in the order a worker first reaches them; the tokenizer's are generic over the header's and the workers' sinks.
    internal static readonly Type[] Owners =
    [
        typeof(CsvTokenizer), typeof(StructuralIndex), typeof(ScanWorker), typeof(ColumnAccumulator), typeof(FieldHash),
        typeof(DistinctCounter), typeof(HashSet64), typeof(HyperLogLog), typeof(Moments), typeof(QuantileSketch),
        typeof(BucketKey), typeof(BucketStore), typeof(CountTable), typeof(PendingHashes), typeof(DuplicateTracker),
        typeof(SampledShard),
    ];
    private static readonly Type[] Sinks = [typeof(CsvHeader.NameSink), typeof(ScanWorker.Sink)];

    /// <summary>
    /// Compiled last, after the loops a scan of plain numeric and categorical columns runs: the tokenizer's
    /// byte-by-byte path, for records with a quote or CR, and the profiler's field-at-a-time path, for columns the
    /// batch loops do not take (no schema, or a text, boolean or datetime column). Many files need neither, and early
    /// in the list they put six of the largest methods (~10 KB of code) ahead of the loops the workers wait for.
    /// </summary>
    internal static readonly (Type Owner, string Name)[] Last =
    [
        (typeof(CsvTokenizer), "ReadOneRecord"), (typeof(CsvTokenizer), "ReadRecord"),
        (typeof(ColumnAccumulator), nameof(ColumnAccumulator.Add)), (typeof(ColumnAccumulator), "Check"),
    ];

    /// <summary>Starts compiling on a background thread and returns at once; a method already compiled costs nothing.</summary>
    public static void CompileInBackground() =>
        new Thread(Compile) { IsBackground = true, Name = "Trainyard scan JIT" }.Start();

    private static void Compile()
    {
        const BindingFlags declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        foreach (var last in (ReadOnlySpan<bool>)[false, true])
            foreach (var owner in Owners)
                foreach (var method in owner.GetMethods(declared))
                {
                    if ((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) == 0) continue;
                    if (Last.Contains((owner, method.Name)) != last) continue;
                    Prepare(method);
                }
    }

    private static void Prepare(MethodInfo method)
    {
        try
        {
            if (!method.IsGenericMethodDefinition) RuntimeHelpers.PrepareMethod(method.MethodHandle);
            else
                foreach (var sink in Sinks)
                    RuntimeHelpers.PrepareMethod(method.MethodHandle, [sink.TypeHandle]);
        }
        // Only a head start: whatever is not compiled here, the JIT compiles when a worker first calls it.
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException) { }
    }
}
