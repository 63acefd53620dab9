namespace Trainyard.Data.Table;

/// <summary>One typed column of a <see cref="DataTable"/>; row i of every column comes from the same record.</summary>
internal abstract class DataColumn(string name)
{
    public string Name { get; } = name;
    public abstract ColumnType Type { get; }
    public abstract int Length { get; }
    public abstract bool IsMissing(int row);

    /// <summary>A cell as text (invariant culture, round-trippable numbers), null when missing: for slices, row names and files.</summary>
    public abstract string? Text(int row);

    public int MissingCount
    {
        get
        {
            var count = 0;
            for (var row = 0; row < Length; row++) if (IsMissing(row)) count++;
            return count;
        }
    }
}

/// <summary>float64 values; a missing value reads as NaN in <see cref="Values"/> and is flagged in <see cref="Missing"/>.</summary>
internal sealed class NumericColumn(string name, double[] values, bool[] missing) : DataColumn(name)
{
    public double[] Values { get; } = values;
    public bool[] Missing { get; } = missing;
    public override ColumnType Type => ColumnType.Numeric;
    public override int Length => Values.Length;
    public override bool IsMissing(int row) => Missing[row];
    public override string? Text(int row) => Missing[row] ? null : Values[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Dictionary codes into <see cref="Categories"/>; -1 is missing. Categories declared in a schema come first, in its order.</summary>
internal sealed class CategoricalColumn(string name, int[] codes, IReadOnlyList<string> categories) : DataColumn(name)
{
    public const int MissingCode = -1;
    public int[] Codes { get; } = codes;
    public IReadOnlyList<string> Categories { get; } = categories;
    public override ColumnType Type => ColumnType.Categorical;
    public override int Length => Codes.Length;
    public override bool IsMissing(int row) => Codes[row] == MissingCode;
    public string? this[int row] => Codes[row] == MissingCode ? null : Categories[Codes[row]];
    public override string? Text(int row) => this[row];
}

internal sealed class BooleanColumn(string name, bool[] values, bool[] missing) : DataColumn(name)
{
    public bool[] Values { get; } = values;
    public bool[] Missing { get; } = missing;
    public override ColumnType Type => ColumnType.Boolean;
    public override int Length => Values.Length;
    public override bool IsMissing(int row) => Missing[row];
    public override string? Text(int row) => Missing[row] ? null : Values[row] ? "true" : "false";
}

/// <summary>UTC timestamps (a date alone is midnight UTC).</summary>
internal sealed class DateTimeColumn(string name, DateTime[] values, bool[] missing) : DataColumn(name)
{
    public DateTime[] Values { get; } = values;
    public bool[] Missing { get; } = missing;
    public override ColumnType Type => ColumnType.DateTime;
    public override int Length => Values.Length;
    public override bool IsMissing(int row) => Missing[row];
    public override string? Text(int row) => Missing[row] ? null : Values[row].ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Free text; null is missing.</summary>
internal sealed class TextColumn(string name, string?[] values) : DataColumn(name)
{
    public string?[] Values { get; } = values;
    public override ColumnType Type => ColumnType.Text;
    public override int Length => Values.Length;
    public override bool IsMissing(int row) => Values[row] is null;
    public override string? Text(int row) => Values[row];
}
