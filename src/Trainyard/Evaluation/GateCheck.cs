using Trainyard.Artifacts.Metrics;
using Trainyard.Pipelines;
using Trainyard.Targets;
using static Trainyard.Evaluation.MetricLookup;

namespace Trainyard.Evaluation;

/// <summary>Checks a spec's gates against the candidate's metrics and, for relative gates and deltas, the baseline's.</summary>
internal static class GateCheck
{
    /// <param name="baseline">The baseline model's metrics; null when there is none yet (the first model).</param>
    /// <param name="baselineSource">Where the baseline came from (a path), for the report.</param>
    public static GateReport Evaluate(GatesSpec gates, MetricsReport candidate, MetricsReport? baseline, string? baselineSource = null)
    {
        var values = MetricLookup.From(candidate);
        var before = baseline is null ? null : MetricLookup.From(baseline);
        var results = gates.Rules.Select(rule => Check(rule, candidate, values, before, gates.WhenNoBaseline)).ToArray();
        var failed = results.Count(r => r.Verdict == GateVerdict.Failed);
        return new GateReport(failed == 0, results.Length - failed, failed, baseline is null ? null : baselineSource ?? "(given)", results);
    }

    private static GateResult Check(GateRule rule, MetricsReport candidate, IReadOnlyDictionary<string, MetricReading> values,
        IReadOnlyDictionary<string, MetricReading>? baseline, NoBaselinePolicy whenNoBaseline)
    {
        var symbol = rule.Operator switch
        {
            GateOperator.AtLeast => ">=", GateOperator.AtMost => "<=", GateOperator.Above => ">", _ => "<",
        };
        var b = baseline?.GetValueOrDefault(rule.Metric)?.Value;
        double? delta = null, relative = null;
        MetricChange? change = null;
        var result = new GateResult(rule.Text, rule.Metric, null, b, null, null, null, symbol, null, GateVerdict.Failed, "", rule.Location?.ToString());

        if (!values.TryGetValue(rule.Metric, out var reading))
        {
            var known = MetricCatalog.Find(rule.Metric) is not null ? " for this pipeline" : "";
            return result with { Message = $"{rule.Metric} was not computed{known}; closest: {string.Join(", ", ClosestName.Nearest(rule.Metric, values.Keys))}" };
        }
        if (reading.Value is not { } value)
            return result with { Message = $"{rule.Metric} is undefined: {reading.UndefinedReason}" };

        if (b is { } baseValue)
        {
            delta = value - baseValue;
            relative = baseValue == 0 ? null : delta / Math.Abs(baseValue);
            change = Direction(candidate.DirectionOf(rule.Metric), delta.Value);
        }
        result = result with { Value = value, Delta = delta, RelativeDelta = relative, Change = change };

        double threshold;
        if (!rule.AgainstBaseline) threshold = rule.Value;
        else if (b is { } anchor) threshold = anchor + (rule.Percent ? rule.Value * Math.Abs(anchor) : rule.Value);
        else
        {
            var why = baseline is null ? "no baseline" : $"the baseline has no value for {rule.Metric}";
            return whenNoBaseline == NoBaselinePolicy.Pass
                ? result with { Verdict = GateVerdict.Passed, Message = $"{why}: passes (gates.when_no_baseline: pass)" }
                : result with { Message = $"{why}: fails (gates.when_no_baseline: fail)" };
        }

        var passed = rule.Operator switch
        {
            GateOperator.AtLeast => value >= threshold,
            GateOperator.AtMost => value <= threshold,
            GateOperator.Above => value > threshold,
            _ => value < threshold,
        };
        var (v, t) = (Format(value), Format(threshold));
        var gap = Format(Math.Abs(value - threshold));
        var message = (passed, rule.Operator) switch
        {
            (true, _) => $"{rule.Metric} {v} {symbol} {t} (margin {gap})",
            (false, GateOperator.AtLeast or GateOperator.Above) when value == threshold => $"{rule.Metric} {v} = {t} (must be above)",
            (false, GateOperator.AtMost or GateOperator.Below) when value == threshold => $"{rule.Metric} {v} = {t} (must be below)",
            (false, GateOperator.AtLeast or GateOperator.Above) => $"{rule.Metric} {v} < {t} (short by {gap})",
            _ => $"{rule.Metric} {v} > {t} (over by {gap})",
        };
        return result with { Threshold = threshold, Verdict = passed ? GateVerdict.Passed : GateVerdict.Failed, Message = message };
    }

    /// <summary>Whether a change is an improvement depends on the metric: a lower RMSE is better, a lower AUC is worse.</summary>
    public static MetricChange Direction(string metric, double delta) => Direction(MetricCatalog.Find(metric)?.Direction, delta);

    public static MetricChange Direction(MetricDirection? direction, double delta) =>
        delta == 0 ? MetricChange.Unchanged
        : direction switch
        {
            MetricDirection.HigherIsBetter => delta > 0 ? MetricChange.Better : MetricChange.Worse,
            MetricDirection.LowerIsBetter => delta < 0 ? MetricChange.Better : MetricChange.Worse,
            _ => MetricChange.Changed,
        };
}
