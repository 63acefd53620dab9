using System.Globalization;
using System.Text.RegularExpressions;

namespace Trainyard.Pipelines;

/// <summary>
/// Durations in a spec, written as people and Prometheus write them: a number and a unit (<c>500ms</c>, <c>30s</c>,
/// <c>10m</c>, <c>1h</c>, <c>90d</c>), parts may be joined (<c>1m30s</c>). A bare number is an error (seconds or minutes?), except 0.
/// </summary>
internal static partial class YamlDuration
{
    private const string Expected = "a duration such as 500ms, 30s, 10m, 1h or 1m30s";

    public static TimeSpan Duration(this YamlSection section, string key, TimeSpan fallback) =>
        section.Text(key) is not { } text ? fallback
        : TryParse(text, out var value) ? value
        : throw section.Error(key, IsNumber(text)
            ? $"'{key}' needs a unit: write {text}s for seconds or {text}m for minutes ({Expected}), got '{text}'"
            : $"'{key}' expects {Expected}, got '{text}'");

    /// <summary>Fails at the value unless the duration is above zero (or, with <paramref name="zeroAllowed"/>, zero).</summary>
    public static TimeSpan Positive(this YamlSection section, string key, TimeSpan value, bool zeroAllowed = false) =>
        value > TimeSpan.Zero || (zeroAllowed && value == TimeSpan.Zero) ? value
        : throw section.Error(key, $"'{key}' must be {(zeroAllowed ? "0 or more" : "more than 0")}, got {section.Text(key)}");

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var trimmed = text.Trim();
        if (trimmed == "0") return true;
        if (!WholePattern().IsMatch(trimmed)) return false;
        var milliseconds = 0.0;
        foreach (Match part in PartPattern().Matches(trimmed))
        {
            var amount = double.Parse(part.Groups["amount"].Value, CultureInfo.InvariantCulture);
            milliseconds += amount * part.Groups["unit"].Value switch { "ms" => 1, "s" => 1e3, "m" => 60e3, "h" => 3600e3, _ => 86400e3 };
        }
        if (milliseconds > TimeSpan.MaxValue.TotalMilliseconds / 2) return false;
        value = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    /// <summary>The shortest text that reads back as <paramref name="value"/> (30s, 10m, 1m30s, 500ms), for docs and messages.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0s";
        var parts = new List<string>();
        if (value.Days * 24 + value.Hours > 0) parts.Add($"{value.Days * 24 + value.Hours}h");
        if (value.Minutes > 0) parts.Add($"{value.Minutes}m");
        if (value.Seconds > 0) parts.Add($"{value.Seconds}s");
        if (value.Milliseconds > 0) parts.Add($"{value.Milliseconds}ms");
        return string.Concat(parts);
    }

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex(@"^((\d+(\.\d+)?)(ms|h|m|s|d))+$")]
    private static partial Regex WholePattern();

    [GeneratedRegex(@"(?<amount>\d+(\.\d+)?)(?<unit>ms|h|m|s|d)")]
    private static partial Regex PartPattern();
}
