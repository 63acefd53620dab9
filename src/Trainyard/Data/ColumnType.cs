namespace Trainyard.Data;

/// <summary>The logical type of a column, as inferred from data or declared in a schema file.</summary>
public enum ColumnType
{
    /// <summary>float64; an empty field is missing.</summary>
    Numeric,
    /// <summary>A small set of string values, stored as dictionary codes.</summary>
    Categorical,
    /// <summary>true/false (also yes/no, 1/0 when the whole column is so).</summary>
    Boolean,
    /// <summary>ISO 8601 dates and timestamps.</summary>
    DateTime,
    /// <summary>Free text or identifiers: too many distinct values to be a category.</summary>
    Text,
}
