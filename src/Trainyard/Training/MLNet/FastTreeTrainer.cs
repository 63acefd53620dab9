using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Trainyard.Training.MLNet;

/// <summary>
/// ML.NET's FastTree (gradient-boosted trees, <c>fasttree</c>) for binary classification and regression; FastTree
/// has no multiclass trainer. <c>training.rounds</c> is the number of trees. ML.NET's FastTree early-stopping rules
/// watch its own metrics (loss, L1/L2), not the validation metric the other trainers use, so FastTree trains every
/// round and Trainyard cuts the ensemble at the best round by XGBoost's rule on the validation rows (auc, rmse).
/// The model is exported to the managed scorer's format (<see cref="TreeEnsembleExport"/>). FastTree leaves training
/// rows with a missing feature value out (ML.NET warns); at prediction a missing value goes right at every split.
/// </summary>
public sealed class FastTreeTrainer : ITrainer
{
    /// <summary>The <c>training.parameters</c> FastTree takes: snake_case names of ML.NET's FastTree options.</summary>
    public static IReadOnlyList<string> Parameters { get; } =
    [
        "bagging_example_fraction", "bagging_size", "dropout_rate", "entropy_coefficient", "feature_first_use_penalty",
        "feature_fraction", "feature_fraction_per_split", "feature_reuse_penalty", "gain_confidence_level", "learning_rate",
        "maximum_bin_count_per_feature", "maximum_tree_output", "minimum_example_count_per_leaf", "number_of_leaves",
        "shrinkage", "smoothing", "softmax_temperature", "unbalanced_sets",
    ];

    public string Name => "fasttree";

    public async Task<TrainedModel> TrainAsync(
        TrainingSet training,
        TrainingSet? validation,
        TrainingSettings settings,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        (await TrainWithMLNetModelAsync(training, validation, settings, progress, cancellationToken)).Model;

    /// <summary>As <see cref="TrainAsync"/>, also returning ML.NET's own fitted model (what the parity tests compare the export with).</summary>
    internal async Task<(TrainedModel Model, ITransformer MLNetModel)> TrainWithMLNetModelAsync(
        TrainingSet training,
        TrainingSet? validation,
        TrainingSettings settings,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (settings.Task.Kind == TaskKind.MulticlassClassification)
            throw new TrainyardException(
                "training.trainer: fasttree has no multiclass trainer (ML.NET's FastTree is binary and regression only); use lightgbm or xgboost for a multiclass task.",
                settings.TrainerLocation);
        TrainingInputs.Check(training, validation, settings);
        var context = new MLContext(settings.Seed);
        var data = new FeatureMatrixDataView(training, settings.Task);
        IReadOnlyList<KeyValuePair<string, string>> parameters;
        Func<(IReadOnlyList<MLNetTree> Trees, double Scale, double Offset, ITransformer Model)> fit;
        if (settings.Task.Kind == TaskKind.BinaryClassification)
        {
            var options = Configure(new FastTreeBinaryTrainer.Options(), settings, data);
            parameters = MLNetOptions.Apply(Name, Parameters, Others, settings, options);
            fit = () =>
            {
                var fitted = context.BinaryClassification.Trainers.FastTree(options).Fit(data);
                var model = fitted.Model;
                // Platt: p = 1 / (1 + exp(slope·score + offset)), so the margin is −slope·score − offset.
                return (MLNetModels.Trees(model.SubModel.TrainedTreeEnsemble, 0, Name), -model.Calibrator.Slope, -model.Calibrator.Offset, fitted);
            };
        }
        else
        {
            var options = Configure(new FastTreeRegressionTrainer.Options(), settings, data);
            parameters = MLNetOptions.Apply(Name, Parameters.Where(p => p != "unbalanced_sets").ToList(), Others, settings, options);
            fit = () =>
            {
                var fitted = context.Regression.Trainers.FastTree(options).Fit(data);
                return (MLNetModels.Trees(fitted.Model.TrainedTreeEnsemble, 0, Name), 1, 0, fitted);
            };
        }

        var ((trees, scale, offset, mlnet), elapsed) = await EnsembleRounds.FitAsync(context, fit, cancellationToken);
        var exported = trees.Select(t => TreeEnsembleExport.Convert(t, scale, training.Columns, Name)).ToList();
        if (offset != 0) exported.Insert(0, Constant((float)offset));
        return (new EnsembleRounds
        {
            Trainer = Name,
            Training = training,
            Validation = validation,
            Settings = settings,
            Trees = exported,
            BaseScore = settings.Task.Kind == TaskKind.BinaryClassification ? 0.5f : 0f,
            CutAtBestRound = true,
            Parameters = parameters,
            Elapsed = elapsed,
        }.Finish(progress), mlnet);
    }

    private static readonly Dictionary<string, string[]> Others = new(StringComparer.Ordinal) { ["lightgbm"] = [.. LightGbmTrainer.Parameters] };

    private static T Configure<T>(T options, TrainingSettings settings, FeatureMatrixDataView data) where T : BoostedTreeOptions
    {
        options.NumberOfTrees = settings.Rounds;
        options.NumberOfThreads = settings.EffectiveThreads;
        options.Seed = settings.Seed;
        options.FeatureSelectionSeed = settings.Seed;
        options.FeatureColumnName = FeatureMatrixDataView.FeaturesColumn;
        options.LabelColumnName = FeatureMatrixDataView.LabelColumn;
        if (data.HasWeights) options.ExampleWeightColumnName = FeatureMatrixDataView.WeightColumn;
        return options;
    }

    /// <summary>A one-leaf tree holding a constant margin (the calibrator's offset), summed before the others.</summary>
    internal static ExportedTree Constant(float value) => new([-1], [-1], [0], [value], [false], [0f], -1, 0);
}
