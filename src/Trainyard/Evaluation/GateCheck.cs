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
        var symbol = GateComparison.Symbol(rule.Operator);
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

        if (GateComparison.Threshold(rule, b) is not { } threshold)
        {
            var why = baseline is null ? "no baseline" : $"the baseline has no value for {rule.Metric}";
            return whenNoBaseline == NoBaselinePolicy.Pass
                ? result with { Verdict = GateVerdict.Passed, Message = $"{why}: passes (gates.when_no_baseline: pass)" }
                : result with { Message = $"{why}: fails (gates.when_no_baseline: fail)" };
        }

        var passed = GateComparison.Holds(rule.Operator, value, threshold);
        var message = GateComparison.Sentence(rule, value, threshold, Format);
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
