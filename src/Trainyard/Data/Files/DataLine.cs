using System.Globalization;

namespace Trainyard.Data.Files;

/// <summary>
/// A record's line when several files are read as one table: the file's index in the high bits, its physical line
/// in that file in the low 40 bits. The first file's lines are plain line numbers, so a single file reads exactly as
/// before, and the order of encoded lines is file order, then line order (the smallest example lines stay the
/// first ones met).
/// </summary>
internal static class DataLine
{
    private const int FileShift = 40;
    private const long LineMask = (1L << FileShift) - 1;

    public static long Of(int file, long line) => ((long)file << FileShift) | line;

    public static int FileOf(long line) => (int)(line >> FileShift);

    public static long LineOf(long line) => line & LineMask;

    /// <summary>A problem at a line, naming the file the line is in.</summary>
    public static Csv.DataFileException Error(IReadOnlyList<string> files, long line, string problem, string? column = null) =>
        new(files[Math.Min(FileOf(line), files.Count - 1)], LineOf(line), problem, column);

    /// <summary>"data/churn/2026-02.csv line 17" — the file the line is in, for messages.</summary>
    public static string Where(IReadOnlyList<string> files, long line) =>
        $"{files[Math.Min(FileOf(line), files.Count - 1)]} line {LineOf(line).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The line as a short name: the number for one file; <c>2026-02.csv:17</c> when there are several.</summary>
    public static string Name(IReadOnlyList<string> files, long line) => files.Count <= 1
        ? line.ToString(CultureInfo.InvariantCulture)
        : $"{Path.GetFileName(files[Math.Min(FileOf(line), files.Count - 1)])}:{LineOf(line).ToString(CultureInfo.InvariantCulture)}";
}
