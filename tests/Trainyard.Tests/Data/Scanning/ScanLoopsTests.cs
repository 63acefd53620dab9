using System.Reflection;
using System.Runtime.CompilerServices;
using Trainyard.Data.Scanning;

namespace Trainyard.Tests.Data.Scanning;

/// <summary>The scan's loops compiled ahead in the background: every one of them, so a new loop is not left to a worker.</summary>
public class ScanLoopsTests
{
    [Fact]
    public void EveryAggressivelyOptimizedScanMethodIsOnATypeCompiledAhead()
    {
        const BindingFlags declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        var missing = typeof(ScanLoops).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Trainyard.Data", StringComparison.Ordinal) == true)
            .Where(t => t.GetMethods(declared).Any(m => (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0))
            .Where(t => !ScanLoops.Owners.Contains(t))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(missing.Count == 0, $"add to ScanLoops.Owners: {string.Join(", ", missing)}");
    }

    [Fact]
    public void TheMethodsCompiledLastAreAggressivelyOptimizedMethodsOfTypesCompiledAhead()
    {
        // A renamed method would otherwise move back to its place in the list without anyone noticing.
        const BindingFlags declared = BindingFlags.DeclaredOnly | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance;
        Assert.All(ScanLoops.Last, last =>
        {
            Assert.Contains(last.Owner, ScanLoops.Owners);
            Assert.Contains(last.Owner.GetMethods(declared), m => m.Name == last.Name && (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0);
        });
        // The plain paths stay first.
        Assert.DoesNotContain(ScanLoops.Last, last => last.Name is "ReadPlainRecords" or "AddBatch" or "AddNumbers" or "AddCategories");
    }
}
