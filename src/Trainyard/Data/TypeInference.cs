namespace Trainyard.Data;

/// <summary>
/// The one rule that turns what a pass saw into a column type, for the streaming profiler (ValidateData) and the
/// in-memory table (Train, Evaluate) alike, first match wins:
/// text when there are no values at all (nothing to infer from); numeric if every non-missing value parses as a
/// number; boolean if every one is true/false; datetime if every one is ISO 8601; categorical if the distinct values
/// are known exactly (at most <see cref="DistinctCap"/>) and number at most <c>maxDistinct</c> (default 50) or at
/// most <c>maxDistinctShare</c> (default 5%) of the non-missing values; text otherwise.
/// </summary>
internal static class TypeInference
{
    public const int DefaultMaxDistinct = 50;
    public const double DefaultMaxDistinctShare = 0.05;

    /// <summary>Distinct values counted exactly; past it a column of strings is text (the profiler's category cap).</summary>
    public const int DistinctCap = 10_000;

    /// <param name="exactDistinct">Distinct values when known exactly (not past the cap), else null.</param>
    public static ColumnType Decide(long nonMissing, bool allNumbers, bool allBooleans, bool allDateTimes,
        long? exactDistinct, int maxDistinct = DefaultMaxDistinct, double maxDistinctShare = DefaultMaxDistinctShare)
    {
        if (nonMissing == 0) return ColumnType.Text;
        if (allNumbers) return ColumnType.Numeric;
        if (allBooleans) return ColumnType.Boolean;
        if (allDateTimes) return ColumnType.DateTime;
        if (exactDistinct is { } distinct && (distinct <= maxDistinct || distinct <= maxDistinctShare * nonMissing))
            return ColumnType.Categorical;
        return ColumnType.Text;
    }
}
