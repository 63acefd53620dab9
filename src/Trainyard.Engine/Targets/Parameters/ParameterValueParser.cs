using System.Globalization;

namespace Trainyard.Targets.Parameters;

/// <summary>Turns the text given for a parameter into a value of the member's type.</summary>
internal static class ParameterValueParser
{
    public static bool IsSupported(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long) ||
               t == typeof(double) || t.IsEnum || t == typeof(string[]);
    }

    /// <param name="values">One entry per occurrence; only string[] takes several.</param>
    public static object? Parse(ParameterMember parameter, IReadOnlyList<string> values)
    {
        var type = Nullable.GetUnderlyingType(parameter.ValueType) ?? parameter.ValueType;
        if (type == typeof(string[]))
            return values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

        var text = values[^1].Trim();
        object? value = type switch
        {
            _ when type == typeof(string) => values[^1],
            _ when type == typeof(bool) => bool.TryParse(text, out var b) ? b : null,
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            _ when type == typeof(double) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            _ when type.IsEnum => Enum.GetNames(type).FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name
                ? Enum.Parse(type, name) : null,
            _ => null,
        };
        return value ?? throw new UsageException(
            $"Parameter {parameter.OptionName}: '{values[^1]}' is not {Expected(type)}.");
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) => "a whole number (int)",
        _ when type == typeof(long) => "a whole number (long)",
        _ when type == typeof(double) => "a number",
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ => type.Name,
    };

    /// <summary>The invariant text form, used by help and by fingerprints.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join(",", list),
        _ => value.ToString() ?? "",
    };
}
