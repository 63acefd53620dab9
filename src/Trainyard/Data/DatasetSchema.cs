namespace Trainyard.Data;

/// <summary>
/// What a data set must look like: written by InferSchema from the data, reviewed and committed by a person,
/// and checked by ValidateData. Stored as YAML next to the pipeline spec (pipelines/&lt;name&gt;.schema.yml).
/// </summary>
public sealed record DatasetSchema
{
    public required IReadOnlyList<ColumnSchema> Columns { get; init; }

    /// <summary>The label column (also named in the pipeline spec; the two must agree).</summary>
    public string? Label { get; init; }

    /// <summary>A column whose values must be unique (a row id), if any.</summary>
    public string? Id { get; init; }

    public ColumnSchema? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);
}

/// <summary>Expectations for one column. Row-level rules (type, range, categories) tolerate a share of failing rows: <see cref="Mostly"/>.</summary>
public sealed record ColumnSchema
{
    public required string Name { get; init; }
    public required ColumnType Type { get; init; }

    /// <summary>A missing column is an error when true, a warning when false.</summary>
    public bool Required { get; init; } = true;

    /// <summary>Inclusive range for numeric columns.</summary>
    public double? Min { get; init; }
    public double? Max { get; init; }

    /// <summary>Allowed values for categorical (and boolean) columns; null means any.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Ceiling on the share of missing values, 0..1.</summary>
    public double MaxNullRate { get; init; }

    /// <summary>Share of non-missing rows that must pass each row-level rule, 0..1 (Great Expectations' <c>mostly</c>).</summary>
    public double Mostly { get; init; } = 1.0;
}
