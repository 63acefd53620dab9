using Trainyard.Data.Profiling;

namespace Trainyard.Data.Scanning;

/// <summary>What one streaming pass over a CSV file found.</summary>
/// <param name="Accumulators">One per column, in header order, each holding every worker's data merged.</param>
/// <param name="DuplicateIds">Null unless an id column was named.</param>
internal sealed record ScanResult(
    string Path,
    IReadOnlyList<string> Columns,
    long RowCount,
    IReadOnlyList<IColumnAccumulator> Accumulators,
    DuplicateSummary? DuplicateRows,
    DuplicateSummary? DuplicateIds,
    long Bytes,
    TimeSpan Elapsed)
{
    /// <summary>The files scanned as one table, in order; lines in the results are <see cref="Files.DataLine"/>s into this list.</summary>
    public IReadOnlyList<string> Files { get; init; } = [Path];
}

/// <summary>
/// Repeated records (or ids): how many occurrences repeat an earlier one, whether that count is exact, and the
/// first few repeating lines.
/// </summary>
internal sealed record DuplicateSummary(long Count, bool IsExact, IReadOnlyList<DuplicateExample> Examples);

/// <summary>A repeat on <paramref name="Line"/> of what first appeared on <paramref name="FirstLine"/>; <paramref name="Value"/> is the id, for ids.</summary>
internal sealed record DuplicateExample(long Line, long FirstLine, string? Value);
