using System.Globalization;
using System.Text.RegularExpressions;

namespace Trainyard.Pipelines;

/// <summary>Reads the <c>split</c> section.</summary>
internal static partial class SplitReader
{
    public static readonly IReadOnlyList<string> Keys = ["method", "test_share", "validation_share", "seed", "time_column", "cutoff"];

    public static SplitSpec Read(YamlSection section)
    {
        var defaults = new SplitSpec();
        var method = section.Choice("method", defaults.Method);
        var test = Share(section, "test_share", defaults.TestShare);
        var validation = Share(section, "validation_share", defaults.ValidationShare);
        if (test + validation >= 1)
        {
            var key = section.Has("validation_share") ? "validation_share" : "test_share";
            throw section.Error(key, $"'test_share' + 'validation_share' must be below 1 so that rows remain for training, "
                + $"got {YamlValues.Format(test)} + {YamlValues.Format(validation)}");
        }

        var timeColumn = section.Text("time_column");
        var (cutoff, numericCutoff) = ReadCutoff(section);
        if (method == SplitMethod.Time && timeColumn is null)
            throw section.Missing("time_column", "the time method needs the column that orders rows in time, e.g. time_column: applied_at");
        if (method == SplitMethod.Random)
            foreach (var key in new[] { "time_column", "cutoff" })
                if (section.Has(key))
                    throw section.Error(key, $"'{key}' applies to the time method only; add method: time or remove '{key}'");

        return new SplitSpec
        {
            Method = method,
            TestShare = test,
            ValidationShare = validation,
            Seed = section.WholeNumber("seed", defaults.Seed),
            TimeColumn = timeColumn,
            Cutoff = cutoff,
            NumericCutoff = numericCutoff,
            Location = section.Start,
        };
    }

    private static double Share(YamlSection section, string key, double fallback) =>
        section.InRange(key, section.Number(key, fallback), 0, 1, lowInclusive: false, highInclusive: false);

    // A date-time cutoff for a datetime column, a number for a numeric one (a year, a sequence number).
    private static (DateTimeOffset?, double?) ReadCutoff(YamlSection section)
    {
        if (section.Text("cutoff") is not { } text) return (null, null);
        if (NumberPattern().IsMatch(text))
            return (null, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        if (DatePattern().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            return (instant, null);
        throw section.Error("cutoff", $"'cutoff' expects a date-time such as 2024-01-01T00:00:00Z (or 2024-01-01), "
            + $"or a number for a numeric time column; got '{text}'");
    }

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex NumberPattern();

    // ISO 8601: a date, optionally a time with seconds and fraction, optionally Z or an offset.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex DatePattern();
}
