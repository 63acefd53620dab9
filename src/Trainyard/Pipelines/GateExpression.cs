using System.Globalization;
using System.Text.RegularExpressions;

namespace Trainyard.Pipelines;

/// <summary>
/// Parses one gate line: <c>&lt;metric&gt; &lt;op&gt; &lt;number&gt;</c> or <c>&lt;metric&gt; &lt;op&gt; baseline [+|-] &lt;number&gt;[%]</c>.
/// Written by hand rather than as one pattern so a malformed gate says which part is wrong.
/// </summary>
internal static partial class GateExpression
{
    /// <summary>The accepted forms, in the words every gate error ends with.</summary>
    public const string Forms = "expected '<metric> <op> <number>' or '<metric> <op> baseline [+|-] <number>[%]' "
        + "with <op> one of >=, <=, >, < (e.g. auc >= 0.80, auc >= baseline - 0.01, rmse <= baseline + 5%)";

    public static GateRule Parse(string text, SourceLocation location)
    {
        var gate = text.Trim();
        var comparison = ComparisonPattern().Match(gate);
        if (!comparison.Success)
            throw Error(text, "it has no comparison", location);
        var op = ReadOperator(text, comparison.Value, location);

        var metric = gate[..comparison.Index].Trim();
        if (metric.Length == 0)
            throw Error(text, $"it has no metric before '{comparison.Value}'", location);
        if (!MetricPattern().IsMatch(metric))
            throw Error(text, $"'{metric}' is not a metric name (letters, digits, '_' and '-', parts joined by dots, e.g. slice_gap.auc)", location);

        var right = gate[(comparison.Index + comparison.Length)..].Trim();
        if (right.Length == 0)
            throw Error(text, $"it has no value after '{comparison.Value}'", location);
        if (IsNumber(right, out var value))
            return new GateRule(metric, op, value, AgainstBaseline: false, Percent: false, text, location);
        if (right.EndsWith('%') && IsNumber(right[..^1].TrimEnd(), out _))
            throw Error(text, $"a percentage is a change against the baseline; write '{metric} {comparison.Value} baseline + {right}' or '- {right}'", location);

        var relative = BaselinePattern().Match(right);
        if (!relative.Success)
            throw Error(text, $"'{right}' is neither a number nor 'baseline [+|-] <number>[%]'", location);
        if (!relative.Groups["sign"].Success)
            return new GateRule(metric, op, 0, AgainstBaseline: true, Percent: false, text, location);

        IsNumber(relative.Groups["amount"].Value, out var amount);
        var percent = relative.Groups["percent"].Success;
        var signed = (relative.Groups["sign"].Value == "-" ? -amount : amount) / (percent ? 100 : 1);
        return new GateRule(metric, op, signed, AgainstBaseline: true, percent, text, location);
    }

    private static GateOperator ReadOperator(string text, string written, SourceLocation location) => written switch
    {
        ">=" => GateOperator.AtLeast,
        "<=" => GateOperator.AtMost,
        ">" => GateOperator.Above,
        "<" => GateOperator.Below,
        "=>" => throw Error(text, "'=>' is not a comparison; did you mean '>='?", location),
        "=<" => throw Error(text, "'=<' is not a comparison; did you mean '<='?", location),
        "=" or "==" => throw Error(text, $"'{written}' asks for an exact value, which a measured metric rarely has; use >= or <=", location),
        _ => throw Error(text, $"'{written}' is not a comparison", location),
    };

    private static bool IsNumber(string text, out double value)
    {
        value = 0;
        return NumberPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static TrainyardException Error(string text, string reason, SourceLocation location) =>
        new($"gate '{text.Trim()}' is not understood: {reason}; {Forms}", location);

    [GeneratedRegex(@"[<>=!]+")]
    private static partial Regex ComparisonPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$")]
    private static partial Regex MetricPattern();

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^baseline(\s*(?<sign>[+-])\s*(?<amount>(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)\s*(?<percent>%)?)?$")]
    private static partial Regex BaselinePattern();
}
