namespace Trainyard.Artifacts.Metrics;

internal enum GateVerdict
{
    Passed,
    Failed,
}

/// <summary>The candidate against the baseline, read with the metric's direction.</summary>
internal enum MetricChange
{
    Better,
    Worse,
    Unchanged,
    /// <summary>Neither direction is better for this metric (or it is unknown to the catalogue).</summary>
    Changed,
}

/// <summary>One gate's outcome.</summary>
/// <param name="Gate">The gate as written in the spec.</param>
/// <param name="Value">The candidate's value; null when not computed or undefined.</param>
/// <param name="Baseline">The baseline's value, when there is a baseline with this metric (shown for absolute gates too).</param>
/// <param name="Delta">Value − baseline.</param>
/// <param name="RelativeDelta">(Value − baseline) / |baseline|; null when the baseline is 0.</param>
/// <param name="Operator"><c>&gt;=</c>, <c>&lt;=</c>, <c>&gt;</c> or <c>&lt;</c>.</param>
/// <param name="Threshold">The threshold actually applied (baseline-relative ones resolved); null when none could be.</param>
/// <param name="Message">Why it passed or failed, e.g. <c>auc 0.71 &lt; 0.75 (short by 0.04)</c>.</param>
/// <param name="Location">Where the gate is written in the spec, when known.</param>
internal sealed record GateResult(
    string Gate, string Metric, double? Value, double? Baseline, double? Delta, double? RelativeDelta, MetricChange? Change,
    string Operator, double? Threshold, GateVerdict Verdict, string Message, string? Location = null);

/// <param name="Baseline">Where the baseline metrics came from; null when there was none.</param>
internal sealed record GateReport(bool Passed, int PassedCount, int FailedCount, string? Baseline, IReadOnlyList<GateResult> Results);
