using System.Globalization;
using System.Text.Json;
using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;
using Trainyard.Pipelines;

namespace Trainyard.Monitoring;

/// <summary>
/// The logged predictions that a label arrived for, of one version: its outputs as the scorer gave them and the
/// label, then the task's metrics over them by Evaluate's own measures (<see cref="TaskMetrics"/>).
/// </summary>
internal sealed class LabelledRows(VersionReference reference)
{
    readonly List<float> _labels = [];
    readonly List<float> _outputs = [];
    readonly IReadOnlyList<string> _classes = reference.Signature.Output.Classes ?? [];

    /// <summary>Labels whose value is not one of the model's classes (or not a number, for regression).</summary>
    public long Unreadable { get; private set; }

    public int Count => _labels.Count;

    public void Add(string label, JsonElement prediction)
    {
        switch (reference.Task)
        {
            case "regression":
                if (!double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var actual) || reference.ScoreOf(prediction) is not { } value) { Unreadable++; return; }
                _labels.Add((float)actual);
                _outputs.Add((float)value);
                return;
            case "binary":
                var positive = reference.Signature.Output.PositiveClass;
                if (!_classes.Contains(label) || reference.ScoreOf(prediction) is not { } p) { Unreadable++; return; }
                _labels.Add(label == positive ? 1 : 0);
                _outputs.Add((float)p);
                return;
            default:
                var index = _classes.ToList().IndexOf(label);
                if (index < 0 || !prediction.TryGetProperty("probabilities"u8, out var probabilities)) { Unreadable++; return; }
                _labels.Add(index);
                foreach (var name in _classes)
                    _outputs.Add(probabilities.TryGetProperty(name, out var q) && q.ValueKind == JsonValueKind.Number ? q.GetSingle() : 0f);
                return;
        }
    }

    /// <summary>The task's scalar metrics over the labelled rows; null without any.</summary>
    public MetricSet? Metrics() => Scored() is { } scored ? scored.Scalars([.. Enumerable.Range(0, scored.Rows)]) : null;

    /// <summary>The labelled rows as Evaluate's <see cref="TaskMetrics"/>; null without any.</summary>
    public TaskMetrics? Scored()
    {
        if (_labels.Count == 0) return null;
        var task = reference.Task switch { "binary" => PipelineTask.Binary, "multiclass" => PipelineTask.Multiclass, _ => PipelineTask.Regression };
        var width = task == PipelineTask.Multiclass ? _classes.Count : 1;
        return new TaskMetrics(task, [.. _labels], [.. _outputs], width, _classes, reference.Signature.Output.Threshold ?? 0.5);
    }
}
