namespace Trainyard.Targets.Workflows;

/// <summary>
/// Checks a GitHub Actions cron string: five fields (minute, hour, day of month, month, day of week), each a
/// comma-separated list of <c>*</c>, <c>n</c> or <c>n-m</c>, optionally <c>/step</c>; months and weekdays also by name.
/// </summary>
internal static class CronSchedule
{
    private sealed record Field(string Name, int Min, int Max, string[] Names);

    private static readonly Field[] Fields =
    [
        new("minute", 0, 59, []),
        new("hour", 0, 23, []),
        new("day-of-month", 1, 31, []),
        new("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
        new("day-of-week", 0, 6, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
    ];

    /// <returns>Null when valid; otherwise what is wrong, naming the field.</returns>
    public static string? Problem(string cron)
    {
        var parts = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Fields.Length)
            return $"a cron schedule has 5 fields (minute hour day-of-month month day-of-week), \"{cron}\" has {parts.Length}";
        for (var i = 0; i < parts.Length; i++)
            if (FieldProblem(Fields[i], parts[i]) is { } problem)
                return $"the {Fields[i].Name} field \"{parts[i]}\" {problem}";
        return null;
    }

    private static string? FieldProblem(Field field, string text)
    {
        foreach (var item in text.Split(','))
        {
            var slash = item.IndexOf('/');
            var range = slash < 0 ? item : item[..slash];
            if (slash >= 0 && !(int.TryParse(item[(slash + 1)..], out var step) && step >= 1))
                return $"has a step \"{item[(slash + 1)..]}\" that is not a whole number of at least 1";
            if (range == "*") continue;
            var dash = range.IndexOf('-');
            var (from, to) = dash < 0 ? (range, range) : (range[..dash], range[(dash + 1)..]);
            if (Value(field, from) is not { } low) return $"has \"{from}\", not a number {field.Min}-{field.Max}{NamesHint(field)}";
            if (Value(field, to) is not { } high) return $"has \"{to}\", not a number {field.Min}-{field.Max}{NamesHint(field)}";
            if (low < field.Min || low > field.Max) return $"has {from}, out of range {field.Min}-{field.Max}";
            if (high < field.Min || high > field.Max) return $"has {to}, out of range {field.Min}-{field.Max}";
            if (low > high) return $"has the range {range}, which runs backwards";
        }
        return null;
    }

    private static int? Value(Field field, string text)
    {
        if (text.Length > 0 && text.All(char.IsAsciiDigit)) return int.TryParse(text, out var n) ? n : int.MaxValue;
        var index = Array.FindIndex(field.Names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : field.Min + index;
    }

    private static string NamesHint(Field field) =>
        field.Names.Length == 0 ? "" : $" or {field.Names[0]}-{field.Names[^1]}";
}
