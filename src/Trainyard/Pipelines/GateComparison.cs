namespace Trainyard.Pipelines;

/// <summary>
/// The arithmetic of one <see cref="GateRule"/>: its threshold, whether a value holds against it, and the sentence
/// saying so. One rule for Evaluate's gates and CanaryDeploy's checks, so a gate and a check written alike judge alike.
/// </summary>
internal static class GateComparison
{
    public static string Symbol(GateOperator op) => op switch
    {
        GateOperator.AtLeast => ">=", GateOperator.AtMost => "<=", GateOperator.Above => ">", _ => "<",
    };

    /// <summary>
    /// The threshold applied: the rule's value when absolute; against the baseline (or stable) <paramref name="anchor"/>,
    /// <c>anchor + Value</c>, or <c>anchor + Value × |anchor|</c> for a percentage. Null when the rule needs an anchor and has none.
    /// </summary>
    public static double? Threshold(GateRule rule, double? anchor) =>
        !rule.AgainstBaseline ? rule.Value
        : anchor is { } a ? a + (rule.Percent ? rule.Value * Math.Abs(a) : rule.Value)
        : null;

    public static bool Holds(GateOperator op, double value, double threshold) => op switch
    {
        GateOperator.AtLeast => value >= threshold,
        GateOperator.AtMost => value <= threshold,
        GateOperator.Above => value > threshold,
        _ => value < threshold,
    };

    /// <summary>
    /// <c>auc 0.91 &gt;= 0.8 (margin 0.11)</c> when it holds; <c>auc 0.71 &lt; 0.75 (short by 0.04)</c>,
    /// <c>rmse 5 &gt; 4 (over by 1)</c> or <c>auc 0.8 = 0.8 (must be above)</c> when not; numbers shown by <paramref name="format"/>.
    /// </summary>
    public static string Sentence(GateRule rule, double value, double threshold, Func<double, string> format)
    {
        var (v, t, gap) = (format(value), format(threshold), format(Math.Abs(value - threshold)));
        return (Holds(rule.Operator, value, threshold), rule.Operator) switch
        {
            (true, var op) => $"{rule.Metric} {v} {Symbol(op)} {t} (margin {gap})",
            (false, GateOperator.AtLeast or GateOperator.Above) when value == threshold => $"{rule.Metric} {v} = {t} (must be above)",
            (false, GateOperator.AtMost or GateOperator.Below) when value == threshold => $"{rule.Metric} {v} = {t} (must be below)",
            (false, GateOperator.AtLeast or GateOperator.Above) => $"{rule.Metric} {v} < {t} (short by {gap})",
            _ => $"{rule.Metric} {v} > {t} (over by {gap})",
        };
    }
}
