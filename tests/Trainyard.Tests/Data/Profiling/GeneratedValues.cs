using System.Globalization;
using System.Text;
using Trainyard.Data;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

/// <summary>
/// Reproducible test values: SplitMix64 integers turned into doubles with exact IEEE operations only (no library
/// math), so numpy computes the expected statistics from bit-identical values (the script is quoted in each test).
/// </summary>
internal static class GeneratedValues
{
    // Python: s=(s+0x9E3779B97F4A7C15)&M; z=s; z=((z^(z>>30))*0xBF58476D1CE4E5B9)&M; z=((z^(z>>27))*0x94D049BB133111EB)&M; z^(z>>31)
    public static IEnumerable<double> Uniforms(ulong seed, int count)
    {
        var state = seed;
        for (var i = 0; i < count; i++)
        {
            state += 0x9E3779B97F4A7C15;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            yield return (z >> 11) * (1.0 / (1UL << 53));
        }
    }

    /// <summary>Heavy right tail in [1, 1000]: 1/(u + 0.001), seed 1.</summary>
    public static double[] Heavy(int count) => Uniforms(1, count).Select(u => 1.0 / (u + 1e-3)).ToArray();

    /// <summary>Negative, zero and positive values over eight orders of magnitude, seed 2; every 100th value is 0.</summary>
    public static double[] Signed(int count) =>
        Uniforms(2, count).Select((u, i) => i % 100 == 0 ? 0.0 : (u - 0.3) * 1000.0 / (u + 0.01)).ToArray();

    public static byte[] Utf8(double value) => Encoding.UTF8.GetBytes(value.ToString("R", CultureInfo.InvariantCulture));

    public static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);

    /// <summary>Feeds fields as lines 2, 3, … (line 1 being a header), the way the scan would.</summary>
    public static ColumnAccumulator Accumulate(IEnumerable<string> fields, ColumnSchema? schema = null, ProfileOptions? options = null, string name = "x")
    {
        var accumulator = new ColumnAccumulator(name, schema, options ?? ProfileOptions.Default);
        var line = 2L;
        foreach (var field in fields) accumulator.Add(Utf8(field), line++);
        return accumulator;
    }
}
