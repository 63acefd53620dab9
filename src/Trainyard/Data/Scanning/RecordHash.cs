using System.IO.Hashing;

namespace Trainyard.Data.Scanning;

/// <summary>
/// The fixed (seed 0) 64-bit hash of a record or value that duplicate detection and type inference count by: XXH3
/// from System.IO.Hashing. Fixed so that results repeat across runs and processes; 64 bits so that among 10 million
/// distinct records the chance of any collision stays near 3 in a million.
/// </summary>
/// <remarks>
/// Once per record of a scan. Our own xxHash64-style single lane was here before: one dependent multiply chain per 8
/// bytes, where XXH3 mixes 16 bytes at a time in independent lanes; per perf samples against an unchanged loop in the
/// same run, hashing the benchmark's 140-byte records cost 35% less (docs/benchmarks.md).
/// </remarks>
internal static class RecordHash
{
    public static ulong Hash64(ReadOnlySpan<byte> data) => XxHash3.HashToUInt64(data);
}
