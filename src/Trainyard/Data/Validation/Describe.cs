using System.Globalization;

namespace Trainyard.Data.Validation;

/// <summary>How findings spell types, numbers, shares and lists, so every message reads the same.</summary>
internal static class Describe
{
    public static string Type(ColumnType type) => type switch
    {
        ColumnType.Numeric => "a number",
        ColumnType.Categorical => "a category",
        ColumnType.Boolean => "true or false",
        ColumnType.DateTime => "an ISO 8601 date or time",
        _ => "text",
    };

    public static string Number(double? value) =>
        value is null ? "any" : value.Value.ToString("G10", CultureInfo.InvariantCulture);

    public static string Share(double share) =>
        share == 0 ? "0%" : share < 0.001 ? (share * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%"
        : (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string List(IEnumerable<string> values, int max = 8)
    {
        var all = values.ToList();
        var shown = string.Join(", ", all.Take(max).Select(ShownValue.Quoted));
        return all.Count > max ? $"{shown}, … ({all.Count} in all)" : shown;
    }
}
