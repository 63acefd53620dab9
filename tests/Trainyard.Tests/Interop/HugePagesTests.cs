using System.Globalization;
using System.Runtime.InteropServices;
using Trainyard.Interop;

namespace Trainyard.Tests.Interop;

public class HugePagesTests
{
    private const int PageBytes = 2 << 20;

    [Fact]
    public void ThePartStartsOnAHugePageAndIsBackedByHugePagesWhereLinuxOffersThem()
    {
        var part = HugePages.AllocateUninitialized(8 * PageBytes);
        var handle = GCHandle.Alloc(part.Array!, GCHandleType.Pinned); // already pinned; this only reads its address
        try
        {
            var address = handle.AddrOfPinnedObject() + part.Offset;
            Assert.Equal(0, address % PageBytes);
            Assert.Equal(8 * PageBytes, part.Count);
            Assert.True(part.Offset + part.Count <= part.Array!.Length);

            part.AsSpan().Fill(1); // first touch: the kernel now maps the part's pages
            var kilobytes = AnonHugePageKilobytes(address);
            // The kernel's own setting decides: "[madvise]" or "[always]" honour the advice, "[never]" does not.
            var offered = File.Exists(ThpSetting) && !File.ReadAllText(ThpSetting).Contains("[never]");
            if (offered) Assert.True(kilobytes >= 2048, $"{kilobytes} kB of huge pages in the mapping, expected at least one 2 MB page");
            else Assert.Equal(0, kilobytes);
        }
        finally { handle.Free(); }
    }

    private const string ThpSetting = "/sys/kernel/mm/transparent_hugepage/enabled";

    /// <summary>AnonHugePages of the mapping holding <paramref name="address"/>, from /proc/self/smaps (0 off Linux).</summary>
    private static long AnonHugePageKilobytes(nint address)
    {
        if (!OperatingSystem.IsLinux()) return 0;
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-');
            if (dash > 0 && line.IndexOf(' ') > dash && long.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, null, out var from))
            {
                var to = long.Parse(line.AsSpan(dash + 1, line.IndexOf(' ') - dash - 1), NumberStyles.HexNumber);
                inside = address >= from && address < to;
            }
            else if (inside && line.StartsWith("AnonHugePages:", StringComparison.Ordinal))
                return long.Parse(line["AnonHugePages:".Length..].Trim().Split(' ')[0]);
        }
        return 0;
    }
}
