using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Trainyard.Benchmarks;

/// <summary>
/// What a .NET team writes with ML.NET alone, the peer of Trainyard's Train with an ML.NET trainer: a TextLoader over
/// the CSV (empty fields as NaN, as Trainyard reads them), Concatenate of the feature columns into "Features" (the data
/// has no categorical columns, so no one-hot), a cache checkpoint (what ML.NET's guidance adds before a trainer that
/// reads the data more than once), and the trainer with the benchmark's settings.
/// </summary>
internal static class MLNetPeer
{
    /// <summary>The trainer settings both sides use: 100 trees of up to 64 leaves (xgboost's max_depth 6), learning rate 0.3.</summary>
    public const int Leaves = 64;
    public const double LearningRate = 0.3;

    public static TextLoader Loader(MLContext ml) => ml.Data.CreateTextLoader(new TextLoader.Options
    {
        Separators = [','],
        HasHeader = true,
        MissingRealsAsNaNs = true,
        Columns =
        [
            .. SyntheticMatrixCsv.FeatureNames.Select((name, j) => new TextLoader.Column(name, DataKind.Single, j)),
            new TextLoader.Column("Label", DataKind.Boolean, SyntheticMatrixCsv.FeatureNames.Count),
        ],
    });

    /// <summary>Load + featurize + train, end to end, as one estimator chain fitted on the CSV.</summary>
    public static ITransformer TrainFromCsv(MLContext ml, string trainer, string csv, int threads, int rounds)
    {
        var data = Loader(ml).Load(csv);
        // The cache: LightGBM reads the data twice (bins, then rows); without it 200,000 rows took ~35% more CPU, FastTree the same.
        var pipeline = ml.Transforms.Concatenate("Features", [.. SyntheticMatrixCsv.FeatureNames])
            .AppendCacheCheckpoint(ml)
            .Append(Trainer(ml, trainer, threads, rounds));
        return pipeline.Fit(data);
    }

    /// <summary>
    /// The binary trainer by the spec's name, with the benchmark's settings, on columns "Features" and "Label". The
    /// other options are the ones Trainyard's trainer sets (seed 0; LightGBM deterministic, row-wise, no categorical
    /// splits), so both sides train the same model: a team writing ML.NET by hand might leave LightGBM's defaults.
    /// </summary>
    public static IEstimator<ITransformer> Trainer(MLContext ml, string trainer, int threads, int rounds) => trainer switch
    {
        "fasttree" => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = rounds,
            NumberOfLeaves = Leaves,
            LearningRate = LearningRate,
            NumberOfThreads = threads,
            Seed = 0,
            FeatureSelectionSeed = 0,
        }),
        "lightgbm" => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = rounds,
            NumberOfLeaves = Leaves,
            LearningRate = LearningRate,
            NumberOfThreads = threads,
            Seed = 0,
            Deterministic = true,
            ForceRowWise = true,
            UseCategoricalSplit = false,
            EarlyStoppingRound = 0,
            Verbose = false,
            Silent = true,
        }),
        _ => throw new ArgumentException($"no ML.NET peer for trainer '{trainer}'; fasttree or lightgbm", nameof(trainer)),
    };

    /// <summary>The probability of class 1 the model gives each row of <paramref name="data"/>, and the rows' labels (0/1).</summary>
    public static (float[] Labels, float[] Probabilities) Score(ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        var labels = scored.GetColumn<bool>("Label").Select(l => l ? 1f : 0f).ToArray();
        return (labels, scored.GetColumn<float>("Probability").ToArray());
    }
}
