using System.Runtime.InteropServices;

namespace Trainyard.Benchmarks;

/// <summary>
/// A deterministic binary-classification data set as raw little-endian float32: rows × 20 features row-major
/// (normal, uniform, log-normal and small-integer columns, each value missing — NaN — with probability 5%), then
/// one 0/1 label per row. numpy reads it with <c>np.fromfile(path, dtype=np.float32)</c>. Cached in the temp folder.
/// </summary>
internal static class SyntheticMatrix
{
    private const int Version = 1;
    public const int Columns = 20;

    public static string Ensure(int rows, int seed = 42)
    {
        var folder = Path.Combine(Path.GetTempPath(), "trainyard-bench");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"matrix-v{Version}-r{rows}-c{Columns}-s{seed}.f32");
        if (File.Exists(path)) return path;
        var temporary = path + $".{Environment.ProcessId}.tmp";
        Write(temporary, rows, seed);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>Reads what <see cref="Ensure"/> wrote: the features and the labels.</summary>
    public static (float[] Features, float[] Labels) Read(string path, int rows)
    {
        var features = new float[rows * Columns];
        var labels = new float[rows];
        using var stream = File.OpenRead(path);
        stream.ReadExactly(MemoryMarshal.AsBytes(features.AsSpan()));
        stream.ReadExactly(MemoryMarshal.AsBytes(labels.AsSpan()));
        return (features, labels);
    }

    private static void Write(string path, int rows, int seed)
    {
        var random = new Random(seed);
        var features = new float[rows * Columns];
        var labels = new float[rows];
        for (var row = 0; row < rows; row++)
        {
            var score = 0.0;
            for (var column = 0; column < Columns; column++)
            {
                var value = Value(column, random);
                // The label depends on the first half of the columns, so the trees have something to find.
                if (column < Columns / 2) score += (column % 3 == 0 ? 1 : -0.5) * Math.Tanh(value / (1 + column));
                features[row * Columns + column] = random.NextDouble() < 0.05 ? float.NaN : (float)value;
            }
            labels[row] = score + Normal(random) > 0 ? 1 : 0;
        }
        using var stream = File.Create(path);
        stream.Write(MemoryMarshal.AsBytes(features.AsSpan()));
        stream.Write(MemoryMarshal.AsBytes(labels.AsSpan()));
    }

    private static double Value(int column, Random random) => (column % 4) switch
    {
        0 => Normal(random) * (1 + column),
        1 => random.NextDouble() * 100 - 50,
        2 => Math.Exp(Normal(random)),
        _ => random.Next(0, 12),
    };

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
