namespace Trainyard.Artifacts.Metrics;

/// <summary>Which way a metric is better: decides a change's tone against the baseline (a gate's own operator decides the gate).</summary>
public enum MetricDirection
{
    HigherIsBetter,
    LowerIsBetter,
    /// <summary>Neither is better (a rate or a count reported for context).</summary>
    Neutral,
}

internal sealed record MetricInfo(string Name, string DisplayName, MetricDirection Direction);

/// <summary>Which tasks' metrics.json has a metric (every task has the row count and the serving cost).</summary>
[Flags]
internal enum TaskKinds
{
    Binary = 1,
    Multiclass = 2,
    Regression = 4,
    All = Binary | Multiclass | Regression,
}

/// <summary>What each metric name means: its display name and which way is better, for deltas, gates and reports.</summary>
internal static class MetricCatalog
{
    private static readonly IReadOnlyDictionary<string, (string Display, MetricDirection Direction, TaskKinds Tasks)> Known =
        new Dictionary<string, (string, MetricDirection, TaskKinds)>(StringComparer.Ordinal)
        {
            ["auc"] = ("ROC AUC", MetricDirection.HigherIsBetter, TaskKinds.Binary),
            ["pr_auc"] = ("PR AUC (average precision)", MetricDirection.HigherIsBetter, TaskKinds.Binary),
            ["log_loss"] = ("Log loss", MetricDirection.LowerIsBetter, TaskKinds.Binary | TaskKinds.Multiclass),
            ["brier"] = ("Brier score", MetricDirection.LowerIsBetter, TaskKinds.Binary),
            ["accuracy"] = ("Accuracy", MetricDirection.HigherIsBetter, TaskKinds.Binary | TaskKinds.Multiclass),
            ["precision"] = ("Precision", MetricDirection.HigherIsBetter, TaskKinds.Binary),
            ["recall"] = ("Recall", MetricDirection.HigherIsBetter, TaskKinds.Binary),
            ["f1"] = ("F1", MetricDirection.HigherIsBetter, TaskKinds.Binary),
            ["ks"] = ("KS statistic", MetricDirection.HigherIsBetter, TaskKinds.Binary),
            ["top_decile_lift"] = ("Top-decile lift", MetricDirection.HigherIsBetter, TaskKinds.Binary),
            ["base_rate"] = ("Positive label rate", MetricDirection.Neutral, TaskKinds.Binary),
            ["predicted_positive_rate"] = ("Predicted positive rate", MetricDirection.Neutral, TaskKinds.Binary),
            ["macro_f1"] = ("Macro F1", MetricDirection.HigherIsBetter, TaskKinds.Multiclass),
            ["weighted_f1"] = ("Weighted F1", MetricDirection.HigherIsBetter, TaskKinds.Multiclass),
            ["rmse"] = ("RMSE", MetricDirection.LowerIsBetter, TaskKinds.Regression),
            ["mae"] = ("MAE", MetricDirection.LowerIsBetter, TaskKinds.Regression),
            ["r2"] = ("R²", MetricDirection.HigherIsBetter, TaskKinds.Regression),
            ["mape"] = ("MAPE", MetricDirection.LowerIsBetter, TaskKinds.Regression),
            ["rows"] = ("Rows evaluated", MetricDirection.Neutral, TaskKinds.All),
            ["missing_predictions"] = ("Rows without a prediction", MetricDirection.LowerIsBetter, TaskKinds.All),
            ["p50_latency_ms"] = ("Single-row latency p50 (ms)", MetricDirection.LowerIsBetter, TaskKinds.All),
            ["p95_latency_ms"] = ("Single-row latency p95 (ms)", MetricDirection.LowerIsBetter, TaskKinds.All),
            ["p99_latency_ms"] = ("Single-row latency p99 (ms)", MetricDirection.LowerIsBetter, TaskKinds.All),
            ["throughput_rows_per_s"] = ("Batch throughput (rows/s)", MetricDirection.HigherIsBetter, TaskKinds.All),
        };

    private static readonly IReadOnlyDictionary<string, (string Display, MetricDirection Direction)> PerClass =
        new Dictionary<string, (string, MetricDirection)>(StringComparer.Ordinal)
        {
            ["precision"] = ("Precision", MetricDirection.HigherIsBetter),
            ["recall"] = ("Recall", MetricDirection.HigherIsBetter),
            ["f1"] = ("F1", MetricDirection.HigherIsBetter),
        };

    /// <summary>The names of the task-level and serving metrics (without the per-class, slice and gap families).</summary>
    public static IEnumerable<string> BaseNames => Known.Keys;

    /// <summary>The base metrics Evaluate computes for <paramref name="task"/>: the names a gate may use.</summary>
    public static IReadOnlyList<string> For(Pipelines.PipelineTask task)
    {
        var kind = task switch
        {
            Pipelines.PipelineTask.Binary => TaskKinds.Binary,
            Pipelines.PipelineTask.Multiclass => TaskKinds.Multiclass,
            _ => TaskKinds.Regression,
        };
        return [.. Known.Where(m => m.Value.Tasks.HasFlag(kind)).Select(m => m.Key)];
    }

    /// <summary>
    /// Describes any metrics.json name (a class's metric reads "F1 of class F": a class name may be a single letter,
    /// and "F F1" or "L precision" reads as one word): a base metric, <c>class.&lt;name&gt;.&lt;metric&gt;</c>,
    /// <c>slice.&lt;column&gt;.&lt;value&gt;.&lt;metric&gt;</c> (the base metric's direction),
    /// <c>slice_gap[.&lt;column&gt;].&lt;metric&gt;</c> (always lower is better) and
    /// <c>permutation_importance.&lt;feature&gt;</c>. Null for a name it does not know.
    /// </summary>
    public static MetricInfo? Find(string name)
    {
        if (Known.TryGetValue(name, out var known)) return new MetricInfo(name, known.Display, known.Direction);
        if (name.StartsWith("slice_gap.", StringComparison.Ordinal))
            return Suffix(name, "slice_gap.".Length) is { } gapOf
                ? new MetricInfo(name, $"Largest slice gap in {gapOf.DisplayName}", MetricDirection.LowerIsBetter) : null;
        if (name.StartsWith("class.", StringComparison.Ordinal))
        {
            var dot = name.LastIndexOf('.');
            return dot > "class.".Length && PerClass.TryGetValue(name[(dot + 1)..], out var perClass)
                ? new MetricInfo(name, $"{perClass.Display} of class {name["class.".Length..dot]}", perClass.Direction) : null;
        }
        if (name.StartsWith("slice.", StringComparison.Ordinal))
            return Suffix(name, "slice.".Length) is { } sliced ? new MetricInfo(name, $"{sliced.DisplayName} ({name})", sliced.Direction) : null;
        if (name.StartsWith("permutation_importance.", StringComparison.Ordinal))
            return new MetricInfo(name, $"Permutation importance of {name["permutation_importance.".Length..]}", MetricDirection.Neutral);
        return null;
    }

    /// <summary>The longest known metric at the end of the name (column and slice values may contain dots themselves).</summary>
    private static MetricInfo? Suffix(string name, int from)
    {
        for (var i = from; i < name.Length; i++)
            if (i == from || name[i - 1] == '.')
                if (Find(name[i..]) is { } found && !name[i..].StartsWith("slice", StringComparison.Ordinal)) return found;
        return null;
    }
}
