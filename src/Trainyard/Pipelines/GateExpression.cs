using System.Globalization;
using System.Text.RegularExpressions;

namespace Trainyard.Pipelines;

/// <summary>
/// Parses one gate line: <c>&lt;metric&gt; &lt;op&gt; &lt;number&gt;</c> or <c>&lt;metric&gt; &lt;op&gt; baseline [+|-] &lt;number&gt;[%]</c>.
/// Written by hand rather than as one pattern so a malformed gate says which part is wrong. CanaryDeploy's checks
/// use the same grammar with <c>stable</c> in place of <c>baseline</c> (<see cref="GateGrammar"/>).
/// </summary>
internal static partial class GateExpression
{
    /// <summary>The accepted forms, in the words every gate error ends with.</summary>
    public static string Forms => GateGrammar.Gates.Forms;

    public static GateRule Parse(string text, SourceLocation location) => Parse(text, location, GateGrammar.Gates);

    /// <summary>Parses one line in <paramref name="grammar"/>'s words; <see cref="GateRule.AgainstBaseline"/> means against its baseline word.</summary>
    public static GateRule Parse(string text, SourceLocation location, GateGrammar grammar)
    {
        var word = grammar.BaselineWord;
        var gate = text.Trim();
        var comparison = ComparisonPattern().Match(gate);
        if (!comparison.Success)
            throw Error(text, "it has no comparison", location, grammar);
        var op = ReadOperator(text, comparison.Value, location, grammar);

        var metric = gate[..comparison.Index].Trim();
        if (metric.Length == 0)
            throw Error(text, $"it has no metric before '{comparison.Value}'", location, grammar);
        if (!MetricPattern().IsMatch(metric))
            throw Error(text, $"'{metric}' is not a metric name (letters, digits, '_' and '-', parts joined by dots, e.g. slice_gap.auc)", location, grammar);

        var right = gate[(comparison.Index + comparison.Length)..].Trim();
        if (right.Length == 0)
            throw Error(text, $"it has no value after '{comparison.Value}'", location, grammar);
        if (IsNumber(right, out var value))
            return new GateRule(metric, op, value, AgainstBaseline: false, Percent: false, text, location);
        if (right.EndsWith('%') && IsNumber(right[..^1].TrimEnd(), out _))
            throw Error(text, $"a percentage is a change against {grammar.Against}; write '{metric} {comparison.Value} {word} + {right}' or '- {right}'", location, grammar);

        var relative = RelativePattern().Match(right);
        if (relative.Success && relative.Groups["word"].Value != word)
            throw Error(text, WrongWord(relative.Groups["word"].Value, grammar), location, grammar);
        if (!relative.Success)
            throw Error(text, $"'{right}' is neither a number nor '{word} [+|-] <number>[%]'", location, grammar);
        if (!relative.Groups["sign"].Success)
            return new GateRule(metric, op, 0, AgainstBaseline: true, Percent: false, text, location);

        IsNumber(relative.Groups["amount"].Value, out var amount);
        var percent = relative.Groups["percent"].Success;
        var signed = (relative.Groups["sign"].Value == "-" ? -amount : amount) / (percent ? 100 : 1);
        return new GateRule(metric, op, signed, AgainstBaseline: true, percent, text, location);
    }

    // The other grammar's word is the likeliest slip when a team writes both gates and checks.
    private static string WrongWord(string written, GateGrammar grammar) =>
        grammar.BaselineWord == GateGrammar.Gates.BaselineWord && written == GateGrammar.DeployChecks.BaselineWord
            ? $"'{written}' belongs to deploy checks; a gate compares with '{grammar.BaselineWord}'"
        : grammar.BaselineWord == GateGrammar.DeployChecks.BaselineWord && written == GateGrammar.Gates.BaselineWord
            ? $"'{written}' belongs to Evaluate's gates; a deploy check compares with '{grammar.BaselineWord}' (the version serving now)"
        : $"'{written}' is not '{grammar.BaselineWord}'";

    private static GateOperator ReadOperator(string text, string written, SourceLocation location, GateGrammar grammar) => written switch
    {
        ">=" => GateOperator.AtLeast,
        "<=" => GateOperator.AtMost,
        ">" => GateOperator.Above,
        "<" => GateOperator.Below,
        "=>" => throw Error(text, "'=>' is not a comparison; did you mean '>='?", location, grammar),
        "=<" => throw Error(text, "'=<' is not a comparison; did you mean '<='?", location, grammar),
        "=" or "==" => throw Error(text, $"'{written}' asks for an exact value, which a measured metric rarely has; use >= or <=", location, grammar),
        _ => throw Error(text, $"'{written}' is not a comparison", location, grammar),
    };

    private static bool IsNumber(string text, out double value)
    {
        value = 0;
        return NumberPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static TrainyardException Error(string text, string reason, SourceLocation location, GateGrammar grammar) =>
        new($"{grammar.Noun} '{text.Trim()}' is not understood: {reason}; {grammar.Forms}", location);

    [GeneratedRegex(@"[<>=!]+")]
    private static partial Regex ComparisonPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$")]
    private static partial Regex MetricPattern();

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(?<word>baseline|stable|evaluated)(\s*(?<sign>[+-])\s*(?<amount>(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)\s*(?<percent>%)?)?$")]
    private static partial Regex RelativePattern();
}
