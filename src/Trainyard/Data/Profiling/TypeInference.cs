namespace Trainyard.Data.Profiling;

/// <summary>
/// The one rule that turns what a pass saw into a column type, first match wins:
/// numeric if every non-missing value parses as a number; boolean if every one is true/false; datetime if every one
/// is ISO 8601; categorical if the distinct values are known exactly and number at most
/// <see cref="ProfileOptions.CategoricalMaxDistinct"/> or at most <see cref="ProfileOptions.CategoricalMaxDistinctShare"/>
/// of the non-missing values; text otherwise, and text when there are no values at all (nothing to infer from).
/// </summary>
internal static class TypeInference
{
    /// <param name="exactDistinct">Distinct values when known exactly (the category table is complete), else null.</param>
    public static ColumnType Decide(long nonMissing, bool allNumbers, bool allBooleans, bool allDateTimes,
        long? exactDistinct, ProfileOptions options)
    {
        if (nonMissing == 0) return ColumnType.Text;
        if (allNumbers) return ColumnType.Numeric;
        if (allBooleans) return ColumnType.Boolean;
        if (allDateTimes) return ColumnType.DateTime;
        if (exactDistinct is { } distinct &&
            (distinct <= options.CategoricalMaxDistinct || distinct <= options.CategoricalMaxDistinctShare * nonMissing))
            return ColumnType.Categorical;
        return ColumnType.Text;
    }
}
