using System.Buffers.Text;
using System.Text;

namespace Trainyard.Benchmarks;

/// <summary>
/// <see cref="SyntheticMatrix"/>'s rows as CSV, for the benchmarks whose sides load text: a header
/// <c>f0,…,f19,label</c>, each value in float32's shortest round-trip form, a missing value (NaN) as an empty field,
/// the label as 0 or 1. Cached beside the matrix, so every side reads the same bytes.
/// </summary>
internal static class SyntheticMatrixCsv
{
    public const string Label = "label";

    public static IReadOnlyList<string> FeatureNames { get; } = Enumerable.Range(0, SyntheticMatrix.Columns).Select(j => $"f{j}").ToArray();

    public static string Ensure(int rows, int seed = 42)
    {
        var matrix = SyntheticMatrix.Ensure(rows, seed);
        var path = Path.ChangeExtension(matrix, ".csv");
        if (File.Exists(path)) return path;
        var temporary = path + $".{Environment.ProcessId}.tmp";
        Write(temporary, matrix, rows);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private static void Write(string path, string matrix, int rows)
    {
        var (features, labels) = SyntheticMatrix.Read(matrix, rows);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        stream.Write(Encoding.ASCII.GetBytes(string.Join(',', FeatureNames.Append(Label)) + "\n"));
        var line = new byte[SyntheticMatrix.Columns * 24 + 8];
        for (var row = 0; row < rows; row++)
        {
            var length = 0;
            for (var column = 0; column < SyntheticMatrix.Columns; column++)
            {
                var value = features[row * SyntheticMatrix.Columns + column];
                if (!float.IsNaN(value))
                {
                    Utf8Formatter.TryFormat(value, line.AsSpan(length), out var written);
                    length += written;
                }
                line[length++] = (byte)',';
            }
            line[length++] = labels[row] > 0 ? (byte)'1' : (byte)'0';
            line[length++] = (byte)'\n';
            stream.Write(line, 0, length);
        }
    }
}
