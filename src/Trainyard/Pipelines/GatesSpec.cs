namespace Trainyard.Pipelines;

/// <summary>
/// Release gates that Evaluate checks, written one per line in the spec:
/// <c>auc &gt;= 0.80</c>, <c>p95_latency_ms &lt;= 5</c>, <c>slice_gap.auc &lt;= 0.05</c> (absolute) and
/// <c>auc &gt;= baseline - 0.01</c>, <c>rmse &lt;= baseline + 5%</c> (against the baseline model's metrics).
/// </summary>
public sealed record GatesSpec
{
    /// <summary>What a gate against the baseline does when there is no baseline yet (the first model).</summary>
    public NoBaselinePolicy WhenNoBaseline { get; init; } = NoBaselinePolicy.Pass;

    public IReadOnlyList<GateRule> Rules { get; init; } = [];
}

public enum NoBaselinePolicy
{
    /// <summary>The gate passes, and the table says there was no baseline.</summary>
    Pass,
    /// <summary>The gate fails: a first model must be promoted by hand.</summary>
    Fail,
}

/// <summary>
/// One gate. Absolute: <c>Metric Operator Value</c>. Against the baseline: the threshold is
/// <c>baseline + Value</c>, or <c>baseline + Value × |baseline|</c> when <see cref="Percent"/> (Value is then a fraction: 5% → 0.05).
/// </summary>
/// <param name="Metric">A metrics.json name: <c>auc</c>, <c>rmse</c>, <c>p95_latency_ms</c>, <c>slice_gap.auc</c>, <c>class.Adelie.recall</c>.</param>
/// <param name="Text">The gate as written, for messages.</param>
/// <param name="Location">Where it is written in the spec.</param>
public sealed record GateRule(
    string Metric,
    GateOperator Operator,
    double Value,
    bool AgainstBaseline,
    bool Percent,
    string Text,
    SourceLocation? Location = null);

public enum GateOperator
{
    AtLeast,
    AtMost,
    Above,
    Below,
}
