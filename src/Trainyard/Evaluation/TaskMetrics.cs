using Trainyard.Artifacts.Metrics;
using Trainyard.Pipelines;

namespace Trainyard.Evaluation;

/// <summary>
/// Scored rows of one task, and the task's metrics over all of them or any subset (a slice): the one place that
/// knows which metric function fits which task.
/// </summary>
/// <param name="Labels">Class index (classification) or value (regression) per row.</param>
/// <param name="Outputs">The scorer's outputs, <paramref name="Width"/> per row: P(positive), class probabilities, or the value.</param>
internal sealed record TaskMetrics(PipelineTask Task, float[] Labels, float[] Outputs, int Width, IReadOnlyList<string> Classes, double Threshold)
{
    public int Rows => Labels.Length;

    public BinaryMetrics Binary(int[]? rows = null) =>
        BinaryMeasure.Compute(Pick(rows, i => (int)Labels[i]), Pick(rows, i => (double)Outputs[i]), Threshold);

    public MulticlassMetrics Multiclass(int[]? rows = null) =>
        MulticlassMeasure.Compute(Pick(rows, i => (int)Labels[i]),
            Pick(rows, i => Outputs.AsSpan(i * Width, Width).ToArray().Select(p => (double)p).ToArray()), Classes);

    public RegressionMetrics Regression(int[]? rows = null) =>
        RegressionMeasure.Compute(Pick(rows, i => (double)Labels[i]), Pick(rows, i => (double)Outputs[i]));

    /// <summary>The task's scalar metrics over <paramref name="rows"/> (positions in these scored rows).</summary>
    public MetricSet Scalars(int[] rows) => Task switch
    {
        PipelineTask.Binary => Binary(rows).Scalars(),
        PipelineTask.Multiclass => Multiclass(rows).Scalars(),
        _ => Regression(rows).Scalars(),
    };

    /// <summary>The metric permutation importance watches: AUC, log loss or RMSE, and whether higher is better.</summary>
    public (string Name, bool HigherIsBetter, Func<float[], double?> Measure) ImportanceMetric() => Task switch
    {
        PipelineTask.Binary => ("auc", true, o => (this with { Outputs = o }).Binary().Auc),
        PipelineTask.Multiclass => ("log_loss", false, o => (this with { Outputs = o }).Multiclass().LogLoss),
        _ => ("rmse", false, o => (this with { Outputs = o }).Regression().Rmse),
    };

    List<T> Pick<T>(int[]? rows, Func<int, T> value) =>
        rows is null ? Enumerable.Range(0, Rows).Select(value).ToList() : rows.Select(value).ToList();
}
