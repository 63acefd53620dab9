using System.Globalization;

namespace Trainyard.Evaluation;

/// <summary>
/// A short time as people read it: the unit that keeps the number between 1 and 1000 (ns, µs, ms, s) and three
/// significant digits, so 0.00004 ms reads "40.0 ns" and 0.005801 ms "5.80 µs" rather than "0 µs" or "5.801 µs".
/// </summary>
internal static class Duration
{
    public static string FromMilliseconds(double milliseconds)
    {
        if (double.IsNaN(milliseconds) || double.IsInfinity(milliseconds)) return "—";
        if (milliseconds == 0) return "0 ns";
        var nanoseconds = milliseconds * 1e6;
        (double value, string unit) = Math.Abs(nanoseconds) switch
        {
            < 999.5 => (nanoseconds, "ns"),
            < 999_500 => (nanoseconds / 1e3, "µs"),
            < 999_500_000 => (nanoseconds / 1e6, "ms"),
            _ => (nanoseconds / 1e9, "s"),
        };
        return $"{ThreeSignificant(value)} {unit}";
    }

    // 3 significant digits, keeping the trailing zero that says so ("40.0", "5.80", "123"); seconds may grow past 999.
    private static string ThreeSignificant(double value)
    {
        var magnitude = Math.Abs(value);
        var decimals = magnitude >= 99.95 ? 0 : magnitude >= 9.995 ? 1 : 2;
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture);
    }
}
