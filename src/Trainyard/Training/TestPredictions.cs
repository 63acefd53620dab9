using System.Globalization;
using System.Text;
using Trainyard.Artifacts;
using Trainyard.IO;
using Trainyard.Pipelines;
using Trainyard.Runtime.Features;
using Trainyard.Runtime.Scoring;

namespace Trainyard.Training;

/// <summary>
/// Writes artifacts/&lt;pipeline&gt;/predictions.csv (format: <see cref="PredictionsFile"/>): one line per test row — its id (or data line), the label, the
/// prediction and, for classification, each class's probability — scored by the managed scorer.
/// </summary>
internal static class TestPredictions
{
    public static Task WriteAsync(string path, PreparedData data, int[] rows, TrainingSet set, XGBoostScorer scorer,
        Featurizer featurizer, PipelineSpec spec, double? threshold, CancellationToken cancellationToken)
    {
        var outputs = new float[set.Rows * scorer.OutputCount];
        scorer.PredictBatch(set.Features.Span, outputs);
        var classes = featurizer.Definition.Label?.Classes ?? [];
        var idColumn = spec.Data.Id;

        var text = new StringBuilder();
        text.Append(idColumn is null ? PredictionsFile.LineColumn : Field(idColumn))
            .Append(',').Append(PredictionsFile.LabelColumn).Append(',').Append(PredictionsFile.PredictionColumn);
        foreach (var name in classes) text.Append(',').Append(Field(PredictionsFile.ProbabilityColumn(name)));
        text.Append('\n');
        var labels = set.Labels.Span;
        for (var i = 0; i < set.Rows; i++)
        {
            var output = outputs.AsSpan(i * scorer.OutputCount, scorer.OutputCount);
            text.Append(Field(data.RowName(rows[i], idColumn))).Append(',');
            if (spec.Task == PipelineTask.Regression)
            {
                text.Append(Number(labels[i])).Append(',').Append(Number(output[0])).Append('\n');
                continue;
            }
            var predicted = spec.Task == PipelineTask.Binary ? (output[0] >= threshold ? 1 : 0) : ArgMax(output);
            text.Append(Field(classes[(int)labels[i]])).Append(',').Append(Field(classes[predicted]));
            if (spec.Task == PipelineTask.Binary) text.Append(',').Append(Number(1 - output[0])).Append(',').Append(Number(output[0]));
            else foreach (var p in output) text.Append(',').Append(Number(p));
            text.Append('\n');
        }
        return AtomicFile.WriteAllTextAsync(path, text.ToString(), cancellationToken);
    }

    static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: quote a field that holds a delimiter, quote or line break.</summary>
    static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
