using Trainyard.Pipelines;
using Trainyard.Tests.Pipelines;
using Trainyard.Training;

namespace Trainyard.Tests.Training.MLNet;

/// <summary>
/// A sample pipeline's train, validation and test rows featurized the way Train does it (the split, then the
/// featurizer fitted on the training rows), and settings built from its spec the way Train builds them.
/// </summary>
internal sealed record SamplePipelineSets(TrainingSet Train, TrainingSet Validation, TrainingSet Test, TrainingSettings Settings)
{
    public static async Task<SamplePipelineSets> LoadAsync(string pipeline)
    {
        var spec = PipelineSpec.Load(RepositoryRoot.File($"pipelines/{pipeline}.yml"));
        var data = await PreparedData.LoadAsync(spec, RepositoryRoot.Path, CancellationToken.None);
        var matrix = FeatureMatrix.Fit(data.Table, data.Split.Train.AsSpan(), data.Features, spec.Data.Label, spec.Task, spec.Data.PositiveClass);
        TrainingSet Set(IReadOnlyList<int> rows) =>
            new(matrix.Build([.. rows]), rows.Count, matrix.Featurizer.FeatureNames, matrix.Labels([.. rows]));
        var settings = new TrainingSettings
        {
            Task = TrainingRun.TaskOf(spec, matrix.Featurizer),
            Rounds = 60,
            EarlyStoppingRounds = 10,
            Threads = 2,
            Seed = spec.Split.Seed,
        };
        return new SamplePipelineSets(Set(data.Split.Train), Set(data.Split.Validation), Set(data.Split.Test), settings);
    }

    /// <summary>
    /// The test rows plus copies of the first rows with missing values (NaN) in the <paramref name="columns"/>
    /// most important features, in turns, so that every missing-value path of the trees is taken.
    /// </summary>
    public TrainingSet TestWithMissingValues(IReadOnlyList<string> important, int copies = 40)
    {
        var columns = Test.Columns;
        var features = new float[(Test.Rows + copies) * columns];
        Test.Features.Span.CopyTo(features);
        var labels = new float[Test.Rows + copies];
        Test.Labels.Span.CopyTo(labels);
        var indices = important.Select(name => Test.FeatureNames.ToList().IndexOf(name)).ToArray();
        for (var c = 0; c < copies; c++)
        {
            var source = c % Test.Rows;
            var target = Test.Rows + c;
            Test.Features.Span.Slice(source * columns, columns).CopyTo(features.AsSpan(target * columns, columns));
            labels[target] = labels[source];
            // Row c: NaN in the important features whose bit is set in c (1..all of them, cycling).
            for (var k = 0; k < indices.Length; k++)
                if (((c + 1) >> k & 1) == 1) features[target * columns + indices[k]] = float.NaN;
        }
        return new TrainingSet(features, Test.Rows + copies, Test.FeatureNames, labels);
    }
}
