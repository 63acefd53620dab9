namespace Trainyard.Data.Profiling;

/// <summary>A data file's profile: one <see cref="ColumnProfile"/> per column, in file order. Read and written by <see cref="ProfileJson"/>.</summary>
internal sealed record DataProfile
{
    /// <summary>Bumped when the JSON shape changes incompatibly; readers reject other versions.</summary>
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The profiled file's name (not its full path, so profiles compare across machines).</summary>
    public required string SourceFile { get; init; }

    public long RowCount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required IReadOnlyList<ColumnProfile> Columns { get; init; }

    public ColumnProfile? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>Profiles merged accumulators (one per column, in file order).</summary>
    public static DataProfile From(string sourceFile, long rowCount, IEnumerable<ColumnAccumulator> columns, DateTimeOffset createdAt) => new()
    {
        SourceFile = Path.GetFileName(sourceFile),
        RowCount = rowCount,
        CreatedAt = createdAt,
        Columns = columns.Select(c => c.ToProfile()).ToArray(),
    };
}
