using System.Text;
using Trainyard.Data.Csv;
using Trainyard.Data.Files;

namespace Trainyard.Data.Table;

/// <summary>Converts a column's raw bytes to its typed form, failing on the first value that does not parse.</summary>
internal sealed class TypedColumnBuilder(IReadOnlyList<string> files, RawColumn lines)
{
    public DataColumn Build(string name, ColumnType type, RawColumn raw, IReadOnlyList<string>? categories) => type switch
    {
        ColumnType.Numeric => Numeric(name, raw),
        ColumnType.Boolean => Boolean(name, raw),
        ColumnType.DateTime => DateTimes(name, raw),
        ColumnType.Categorical => Categorical(name, raw, categories),
        _ => Text(name, raw),
    };

    private NumericColumn Numeric(string name, RawColumn raw)
    {
        var values = new double[raw.Count];
        var missing = new bool[raw.Count];
        for (var row = 0; row < raw.Count; row++)
        {
            var field = raw[row];
            if (field.IsEmpty) { missing[row] = true; values[row] = double.NaN; }
            else if (!FieldParser.TryParseNumber(field, out values[row])) throw Mismatch(name, row, "a number", field);
        }
        return new NumericColumn(name, values, missing);
    }

    private BooleanColumn Boolean(string name, RawColumn raw)
    {
        var values = new bool[raw.Count];
        var missing = new bool[raw.Count];
        for (var row = 0; row < raw.Count; row++)
        {
            var field = raw[row];
            if (field.IsEmpty) missing[row] = true;
            else if (!FieldParser.TryParseBoolean(field, out values[row])) throw Mismatch(name, row, "true or false", field);
        }
        return new BooleanColumn(name, values, missing);
    }

    private DateTimeColumn DateTimes(string name, RawColumn raw)
    {
        var values = new DateTime[raw.Count];
        var missing = new bool[raw.Count];
        for (var row = 0; row < raw.Count; row++)
        {
            var field = raw[row];
            if (field.IsEmpty) missing[row] = true;
            else if (!FieldParser.TryParseDateTime(field, out values[row])) throw Mismatch(name, row, "an ISO 8601 date or timestamp", field);
        }
        return new DateTimeColumn(name, values, missing);
    }

    private static CategoricalColumn Categorical(string name, RawColumn raw, IReadOnlyList<string>? declared)
    {
        var categories = new List<string>(declared ?? []);
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < categories.Count; i++) codes.TryAdd(categories[i], i);
        var lookup = codes.GetAlternateLookup<ReadOnlySpan<char>>();
        var values = new int[raw.Count];
        var chars = new char[256];
        for (var row = 0; row < raw.Count; row++)
        {
            var field = raw[row];
            if (field.IsEmpty) { values[row] = CategoricalColumn.MissingCode; continue; }
            if (chars.Length < field.Length) chars = new char[field.Length];
            var text = chars.AsSpan(0, Encoding.UTF8.GetChars(field, chars));
            if (!lookup.TryGetValue(text, out var code))
            {
                code = categories.Count;
                categories.Add(text.ToString());
                lookup[text] = code;
            }
            values[row] = code;
        }
        return new CategoricalColumn(name, values, categories);
    }

    private static TextColumn Text(string name, RawColumn raw)
    {
        var values = new string?[raw.Count];
        for (var row = 0; row < raw.Count; row++)
            values[row] = raw[row].IsEmpty ? null : Encoding.UTF8.GetString(raw[row]);
        return new TextColumn(name, values);
    }

    private DataFileException Mismatch(string column, int row, string expected, ReadOnlySpan<byte> field)
    {
        var text = Encoding.UTF8.GetString(field);
        if (text.Length > 60) text = text[..57] + "...";
        return DataLine.Error(files, lines.LineOf(row), $"expected {expected}, got '{text}'", column);
    }
}
