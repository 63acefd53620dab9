using Microsoft.Data.Analysis;
using Trainyard.Artifacts;
using Trainyard.Artifacts.Metrics;

namespace Trainyard.Evaluation;

/// <summary>
/// A team's own metric, declared in its build (<c>IEvaluate.CustomMetrics</c>) and measured by Evaluate after the
/// built-in metrics on the test rows: written to metrics.json, shown in the report and the PR comment, compared with
/// the baseline and usable in gates under <see cref="Name"/>, like <c>auc</c>.
/// </summary>
/// <param name="Name">What gates and metrics.json call it: letters, digits and underscores (<c>amount_recall</c>), not a built-in metric's name.</param>
/// <param name="Direction">Whether a higher or a lower value is better (or neither), for the deltas against the baseline.</param>
/// <param name="Measure">
/// The value from the test rows: one row per test row, the data file's columns as read (numeric columns as
/// <c>double?</c>, categorical ones as <c>string</c>, booleans as <c>bool?</c>; null where missing), then
/// <see cref="TestRows.Label"/>, <see cref="TestRows.Prediction"/> and, for classification, one
/// <see cref="TestRows.Probability"/> column per class. Null (or NaN) means undefined, e.g. no bad loans among the test rows.
/// </param>
public sealed record CustomMetric(string Name, MetricDirection Direction, Func<DataFrame, double?> Measure)
{
    /// <summary>How the report and the comment name it; the <see cref="Name"/> when not set.</summary>
    public string? DisplayName { get; init; }
}

/// <summary>The columns Evaluate adds after the data's own in the DataFrame a <see cref="CustomMetric"/> receives (the names of predictions.csv).</summary>
public static class TestRows
{
    /// <summary>The true label: the class name (classification, a string) or the value (regression, a double).</summary>
    public const string Label = PredictionsFile.LabelColumn;

    /// <summary>
    /// What the model predicts: the class name — binary at Evaluate's decision threshold, multiclass the most
    /// probable class — or the value (regression). Null where the model gave no prediction.
    /// </summary>
    public const string Prediction = PredictionsFile.PredictionColumn;

    /// <summary>The column of the model's probability of class <paramref name="className"/> (classification only): <c>probability_&lt;class&gt;</c>.</summary>
    public static string Probability(string className) => PredictionsFile.ProbabilityColumn(className);
}
