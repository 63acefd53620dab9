using System.Globalization;
using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;

namespace Trainyard.Reporting;

/// <summary>How the report writes numbers and reads a change: one place, so tables and charts agree.</summary>
internal static class Display
{
    public static string Number(double? value) => value switch
    {
        null => "—",
        { } v when Math.Abs(v) >= 1000 => v.ToString("#,0.#", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    public static string Signed(double? value) => value is { } v ? (v > 0 ? "+" : "") + Number(v) : "—";

    public static string Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    /// <summary><c>better</c> or <c>worse</c> (the direction is decided by GateCheck.Direction); empty when neither applies.</summary>
    public static string Tone(MetricChange? change) => change switch
    {
        MetricChange.Better => "better",
        MetricChange.Worse => "worse",
        _ => "",
    };
}
