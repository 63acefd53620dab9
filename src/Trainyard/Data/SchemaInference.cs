using Trainyard.Data.Profiling;
using Trainyard.Pipelines;

namespace Trainyard.Data;

/// <summary>
/// Drafts a schema from a profile of the data: the observed types, ranges and categories, and null-rate ceilings
/// with some headroom. It is a starting point for a person to review, tighten or loosen, and commit.
/// </summary>
internal static class SchemaInference
{
    /// <summary>Headroom on the observed null rate, so the next batch of the same data does not fail on noise.</summary>
    const double NullRateHeadroom = 1.5;

    public static DatasetSchema From(DataProfile profile, PipelineSpec spec) => new()
    {
        Label = spec.Data.Label,
        Id = spec.Data.Id,
        Columns = profile.Columns.Select(c => Column(c)).ToList(),
    };

    /// <summary>Profile the label of a classification task as categorical even when its classes look like numbers (0/1).</summary>
    public static ColumnSchema? LabelHint(PipelineSpec spec) => spec.Task == PipelineTask.Regression ? null
        : new ColumnSchema { Name = spec.Data.Label, Type = ColumnType.Categorical, MaxNullRate = 1 };

    static ColumnSchema Column(ColumnProfile column) => new()
    {
        Name = column.Name,
        Type = column.Type,
        Min = column.Type == ColumnType.Numeric ? column.Min : null,
        Max = column.Type == ColumnType.Numeric ? column.Max : null,
        Categories = column.Type == ColumnType.Categorical && column.Categories is { Complete: true } table
            ? table.Values.Select(v => v.Value).Order(StringComparer.Ordinal).ToList()
            : null,
        MaxNullRate = column.Missing == 0 ? 0 : Math.Min(1, Math.Ceiling(column.MissingShare * NullRateHeadroom * 1000) / 1000),
    };
}
