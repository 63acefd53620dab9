using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Trainyard.Interop;

/// <summary>
/// Arrays backed by 2 MB pages where Linux offers them (transparent huge pages in <c>madvise</c> mode, the common
/// default). For a table of tens of MB probed at random, 4 KB pages cost a page fault per 4 KB on first touch and a
/// TLB miss on most probes; with 2 MB pages both nearly vanish (the duplicate-row tables at 1M rows: 8,000 fewer
/// faults, a cold scan 0.10 CPU-s faster, docs/benchmarks.md). Elsewhere, or when the kernel says no, the array is
/// the same array on ordinary pages: the advice never changes a result.
/// </summary>
internal static partial class HugePages
{
    public const int PageBytes = 2 << 20;
    private const int MadvHugePage = 14; // MADV_HUGEPAGE, <asm-generic/mman-common.h>

    /// <summary>
    /// <paramref name="bytes"/> bytes of a pinned array from <see cref="ArraySegment{T}.Offset"/> on, where a 2 MB page
    /// starts (so the part is aligned for any element type viewed over it), the pages from there advised to be huge.
    /// The contents are <b>not</b> zeroed: the GC need not zero memory nobody reads yet, and zeroing here would touch
    /// every page before the advice, on this one thread. Each user clears its part before reading it.
    /// </summary>
    public static unsafe ArraySegment<byte> AllocateUninitialized(int bytes)
    {
        var array = GC.AllocateUninitializedArray<byte>(checked(bytes + PageBytes), pinned: true);
        var start = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        var aligned = (start + PageBytes - 1) & ~(nuint)(PageBytes - 1);
        var end = (start + (nuint)array.Length) & ~(nuint)(PageBytes - 1);
        if (OperatingSystem.IsLinux() && end > aligned)
        {
            try { _ = madvise((nint)aligned, end - aligned, MadvHugePage); } // advice: EINVAL where THP is off changes nothing
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        }
        return new ArraySegment<byte>(array, (int)(aligned - start), bytes);
    }

    [LibraryImport("libc")]
    private static partial int madvise(nint address, nuint length, int advice);
}
