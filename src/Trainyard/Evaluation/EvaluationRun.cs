using Spectre.Console;
using Trainyard.Artifacts;
using Trainyard.Artifacts.Metrics;
using Trainyard.IO;
using Trainyard.Pipelines;
using Trainyard.Runtime.Features;
using Trainyard.Runtime.Scoring;
using Trainyard.Training;

namespace Trainyard.Evaluation;

/// <summary>
/// One Evaluate run: rebuild the split, score the validation and test rows with the managed scorer (what the model
/// server runs), measure the task's metrics, slices, importance, serving cost and the build's custom metrics, check the gates against the
/// baseline (the production model's metrics, found by the caller), and write metrics.json — before failing on a gate,
/// so the evidence is always there.
/// </summary>
internal static class EvaluationRun
{
    public static async Task<MetricsReport> RunAsync(PipelineSpec spec, string root, ArtifactPaths trained, string metricsPath,
        ModelBaseline baseline, IReadOnlyList<CustomMetric> customMetrics, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var data = await PreparedData.LoadAsync(spec, root, cancellationToken);
        var featurizer = await FeaturizerJson.ReadFileAsync(RepositoryPath.Full(root, trained.Featurizer), cancellationToken);
        var scorer = await XGBoostScorer.LoadFileAsync(RepositoryPath.Full(root, trained.Model), cancellationToken);
        var run = await RunRecord.ReadAsync(RepositoryPath.Shown(root, trained.Run), cancellationToken);
        var matrix = FeatureMatrix.For(data.Table, featurizer, spec.Data.Label, spec.Task);

        int[] testRows = [.. data.Split.Test], validationRows = [.. data.Split.Validation];
        var test = Score(scorer, matrix, testRows);
        var classes = featurizer.Definition.Label?.Classes ?? [];
        // The threshold Train chose, chosen again by the same rule on the same split (deterministic: same model, same rows).
        var threshold = spec.Task == PipelineTask.Binary
            ? DecisionThreshold.For(spec, scorer, matrix.Build(validationRows), matrix.Labels(validationRows))
            : null;
        var metrics = new TaskMetrics(spec.Task, test.Labels, test.Outputs, scorer.OutputCount, classes, threshold?.Threshold ?? 0.5);

        var (metricName, higherIsBetter, measure) = metrics.ImportanceMetric();
        var permutation = PermutationImportance.Measure(test.Features, testRows.Length, featurizer.FeatureNames,
            (features, rows) => Predict(scorer, features, rows), measure, metricName, higherIsBetter, seed: spec.Split.Seed);
        var row = new float[scorer.OutputCount];
        var batch = new float[test.Outputs.Length];
        var serving = ServingCostTimer.Measure(
            i => scorer.Predict(test.Features.AsSpan(i * scorer.FeatureCount, scorer.FeatureCount), row), testRows.Length,
            () => scorer.PredictBatch(test.Features, batch), testRows.Length);

        var report = new MetricsReport
        {
            Pipeline = spec.Name,
            Task = spec.Task,
            CreatedAt = DateTimeOffset.UtcNow,
            Threshold = threshold,
            Binary = spec.Task == PipelineTask.Binary ? metrics.Binary() : null,
            Multiclass = spec.Task == PipelineTask.Multiclass ? metrics.Multiclass() : null,
            Regression = spec.Task == PipelineTask.Regression ? metrics.Regression() : null,
            Slices = SliceMetrics.Compute(SliceColumns(spec, data, testRows), testRows.Length, spec.Evaluation.MinSliceRows, metrics.Scalars),
            GainImportance = run.Model.Gain.Select(g => new FeatureGain(g.Feature, g.TotalGain)).OrderByDescending(g => g.Gain).ToList(),
            PermutationImportance = permutation,
            Serving = serving,
            Custom = CustomMetrics.Measure(customMetrics, () => TestRowsFrame.Build(data.Table, testRows, metrics)),
        };
        report = report with { Gates = GateCheck.Evaluate(spec.Gates, report, baseline.Metrics, baseline.Source) };
        await MetricsJson.WriteAsync(RepositoryPath.Full(root, metricsPath), report, cancellationToken);
        return report;
    }

    sealed record Scored(float[] Features, float[] Labels, float[] Outputs);

    static Scored Score(XGBoostScorer scorer, FeatureMatrix matrix, int[] rows)
    {
        var features = matrix.Build(rows);
        return new Scored(features, matrix.Labels(rows), Predict(scorer, features, rows.Length));
    }

    static float[] Predict(XGBoostScorer scorer, float[] features, int rows)
    {
        var outputs = new float[rows * scorer.OutputCount];
        scorer.PredictBatch(features, outputs);
        return outputs;
    }

    static IReadOnlyList<SliceColumn> SliceColumns(PipelineSpec spec, PreparedData data, int[] rows) =>
        spec.Evaluation.Slices.Select(name => data.Table.Find(name) is { } column
                ? new SliceColumn(name, rows.Select(r => column.Text(r)).ToList())
                : throw new TrainyardException($"{spec.SourcePath}, evaluation.slices: no column named '{name}' in {spec.Data.Path}"))
            .ToList();
}
