using System.Text;

namespace Trainyard.Benchmarks;

/// <summary>
/// A deterministic CSV: 12 numeric columns with different distributions and 8 categorical columns with 3 to 50
/// levels (skewed frequencies), each cell missing with probability 5%. Cached in the temp folder under a name
/// made of its parameters, so repeated runs reuse it.
/// </summary>
internal static class SyntheticCsv
{
    private const int Version = 1;
    public const int NumericColumns = 12;
    public static readonly int[] CategoryLevels = [3, 5, 8, 12, 20, 30, 40, 50];

    public static string Ensure(int rows, int seed = 42, double missingRate = 0.05)
    {
        var folder = Path.Combine(Path.GetTempPath(), "trainyard-bench");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"synthetic-v{Version}-r{rows}-n12-c8-s{seed}-m{missingRate:0.00}.csv");
        if (File.Exists(path)) return path;
        var temporary = path + $".{Environment.ProcessId}.tmp";
        Write(temporary, rows, seed, missingRate);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private static void Write(string path, int rows, int seed, double missingRate)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write(string.Join(',', Enumerable.Range(0, 12).Select(i => $"num{i:00}").Concat(CategoryLevels.Select((_, i) => $"cat{i}"))));
        writer.Write('\n');
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < 20; column++)
            {
                if (column > 0) writer.Write(',');
                if (random.NextDouble() < missingRate) continue;
                if (column < 12) writer.Write(Numeric(column, random));
                else writer.Write($"level_{Skewed(random, CategoryLevels[column - 12]):00}");
            }
            writer.Write('\n');
        }
    }

    private static string Numeric(int column, Random random) => column switch
    {
        0 => (50 + 10 * Normal(random)).ToString("F3"),                       // normal
        1 => random.NextDouble().ToString("F6"),                              // uniform
        2 => Math.Exp(1 + Normal(random)).ToString("F4"),                     // log-normal
        3 => (-Math.Log(1 - random.NextDouble()) * 3).ToString("F4"),         // exponential
        4 => random.Next(18, 91).ToString(),                                  // small integers (age)
        5 => random.Next(0, 1_000_000_000).ToString(),                        // large integers (ids)
        6 => (100 / Math.Pow(1 - random.NextDouble(), 0.5)).ToString("F2"),  // heavy tail (Pareto)
        7 => (random.NextDouble() < 0.5 ? -5 + Normal(random) : 5 + Normal(random)).ToString("F3"), // bimodal
        8 => Math.Round(random.NextDouble() * 5000, 2).ToString("R"),        // prices
        9 => Poisson(random, 3).ToString(),                                   // counts
        10 => (Normal(random) * 1e-3).ToString("E3"),                         // exponent notation
        _ => (random.Next(0, 2) == 0 ? 0 : random.Next(1, 100_000)).ToString(), // zero-inflated
    };

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble()) count++;
        return count;
    }

    /// <summary>Level k with weight 1/(k+1): a few common levels and a long tail, as real categories have.</summary>
    private static int Skewed(Random random, int levels)
    {
        double total = 0;
        for (var k = 0; k < levels; k++) total += 1.0 / (k + 1);
        var target = random.NextDouble() * total;
        for (var k = 0; k < levels; k++)
        {
            target -= 1.0 / (k + 1);
            if (target <= 0) return k;
        }
        return levels - 1;
    }
}
