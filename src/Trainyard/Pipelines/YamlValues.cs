using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Trainyard.Pipelines;

/// <summary>
/// Typed reads of a section's values. A wrong value fails at its own line and column with what was expected in
/// plain words ("a whole number", "true or false", one of the allowed words), and what was found.
/// </summary>
internal static class YamlValues
{
    public static string? Text(this YamlSection section, string key) => section.Node(key) switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value,
        var other => throw section.Error(key, $"'{key}' expects a single value, got {YamlSection.Kind(other)}"),
    };

    public static string RequiredText(this YamlSection section, string key, string meaning) =>
        section.Text(key) ?? throw section.Missing(key, meaning);

    public static int WholeNumber(this YamlSection section, string key, int fallback) =>
        section.Scalar(key, "a whole number") is not { } text ? fallback
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw section.Error(key, $"'{key}' expects a whole number, got '{text}'");

    public static double Number(this YamlSection section, string key, double fallback) =>
        section.OptionalNumber(key) ?? fallback;

    public static double? OptionalNumber(this YamlSection section, string key) =>
        section.Scalar(key, "a number") is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value
        : throw section.Error(key, $"'{key}' expects a number, got '{text}'");

    public static bool Flag(this YamlSection section, string key, bool fallback) =>
        section.Scalar(key, "true or false") switch
        {
            null => fallback,
            var text when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            var text when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            var text => throw section.Error(key, $"'{key}' expects true or false, got '{text}'"),
        };

    /// <summary>One of an enum's values, written in the file as its lower-case name (Binary → binary).</summary>
    public static T Choice<T>(this YamlSection section, string key, T fallback, params T[] allowed) where T : struct, Enum =>
        section.OptionalChoice(key, allowed) ?? fallback;

    public static T? OptionalChoice<T>(this YamlSection section, string key, params T[] allowed) where T : struct, Enum
    {
        var choices = allowed.Length > 0 ? allowed : Enum.GetValues<T>();
        if (section.Scalar(key, $"one of {string.Join(", ", choices.Select(Word))}") is not { } text) return null;
        foreach (var choice in choices)
            if (Word(choice).Equals(text, StringComparison.OrdinalIgnoreCase)) return choice;
        var words = choices.Select(Word).ToList();
        throw section.Error(key, $"'{key}' must be one of {string.Join(", ", words)}; got '{text}'. {Quote.DidYouMean(text, words)}".TrimEnd());
    }

    public static string Word<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>A list of single values (flow <c>[a, b]</c> or block style); null when the key is absent.</summary>
    public static IReadOnlyList<string>? TextList(this YamlSection section, string key) => section.Node(key) switch
    {
        null => null,
        YamlSequenceNode list => list.Children.Select(item => item is YamlScalarNode scalar && !YamlSection.IsNull(scalar)
            ? scalar.Value!
            : throw new TrainyardException($"each item of '{key}' must be a single value, got {YamlSection.Kind(item)}",
                YamlSection.LocationOf(section.File, item))).ToList().AsReadOnly(),
        var other => throw section.Error(key, $"'{key}' expects a list such as [a, b], got {YamlSection.Kind(other)}"),
    };

    /// <summary>Range check for thresholds, shares and counts; fails at the value with the range in words.</summary>
    public static double InRange(this YamlSection section, string key, double value, double low, double high = double.PositiveInfinity,
        bool lowInclusive = true, bool highInclusive = true)
    {
        var fits = (lowInclusive ? value >= low : value > low) && (highInclusive ? value <= high : value < high);
        if (fits) return value;
        var range = lowInclusive ? $"at least {Format(low)}" : $"above {Format(low)}";
        if (double.IsFinite(high)) range += highInclusive ? $" and at most {Format(high)}" : $" and below {Format(high)}";
        throw section.Error(key, $"'{key}' must be {range}, got {Format(value)}");
    }

    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Scalar(this YamlSection section, string key, string expected) => section.Node(key) switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value,
        var other => throw section.Error(key, $"'{key}' expects {expected}, got {YamlSection.Kind(other)}"),
    };
}
