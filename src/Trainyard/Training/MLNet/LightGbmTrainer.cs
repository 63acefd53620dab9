using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace Trainyard.Training.MLNet;

/// <summary>
/// LightGBM through ML.NET (<c>lightgbm</c>) for binary, multiclass (softmax, so the model is multi:softprob) and
/// regression. <c>training.rounds</c> is the number of iterations; with a validation set LightGBM stops early itself
/// (its early-stopping round, on auc, multi_logloss or rmse — the metrics XGBoost watches) and the model ends at its
/// best iteration. LightGBM runs deterministically (its <c>deterministic</c> and row-wise options), so the same seed
/// and threads give the same model. The model is exported to the managed scorer's format
/// (<see cref="TreeEnsembleExport"/>) with LightGBM's handling of missing values.
/// </summary>
public sealed class LightGbmTrainer : ITrainer
{
    /// <summary>The <c>training.parameters</c> LightGBM takes: snake_case names of ML.NET's LightGBM options (booster options included).</summary>
    public static IReadOnlyList<string> Parameters { get; } =
    [
        "feature_fraction", "handle_missing_value", "l1_regularization", "l2_regularization", "learning_rate",
        "maximum_bin_count_per_feature", "maximum_tree_depth", "minimum_child_weight", "minimum_example_count_per_leaf",
        "minimum_split_gain", "number_of_leaves", "sigmoid", "subsample_fraction", "subsample_frequency", "unbalanced_sets",
        "weight_of_positive_examples",
    ];

    private static readonly string[] BinaryOnly = ["sigmoid", "weight_of_positive_examples"];

    private static readonly Dictionary<string, string[]> Others = new(StringComparer.Ordinal) { ["fasttree"] = [.. FastTreeTrainer.Parameters] };

    public string Name => "lightgbm";

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
        TrainingInputs.Check(training, validation, settings);
        var context = new MLContext(settings.Seed);
        var data = new FeatureMatrixDataView(training, settings.Task);
        var check = validation is null ? null : new FeatureMatrixDataView(validation, settings.Task);
        var booster = new GradientBooster.Options();
        IReadOnlyList<KeyValuePair<string, string>> parameters;
        Func<(IReadOnlyList<MLNetTree> Trees, double Scale, ITransformer Model)> fit;
        switch (settings.Task.Kind)
        {
            case TaskKind.BinaryClassification:
            {
                var options = Configure(new LightGbmBinaryTrainer.Options { EvaluationMetric = LightGbmBinaryTrainer.Options.EvaluateMetricType.AreaUnderCurve },
                    settings, data, check, booster);
                parameters = MLNetOptions.Apply(Name, Parameters, Others, settings, options, booster);
                fit = () =>
                {
                    var trainer = context.BinaryClassification.Trainers.LightGbm(options);
                    var fitted = check is null ? trainer.Fit(data) : trainer.Fit(data, check);
                    var model = fitted.Model;
                    // Platt with offset 0 for LightGBM: p = 1 / (1 + exp(slope·score)), the margin is −slope·score.
                    if (model.Calibrator.Offset != 0)
                        throw new TrainyardException($"{Name}: the calibrator has offset {model.Calibrator.Offset}; Trainyard exports LightGBM's own (offset 0).");
                    return (MLNetModels.Trees(model.SubModel.TrainedTreeEnsemble, 0, Name), -model.Calibrator.Slope, fitted);
                };
                break;
            }
            case TaskKind.MulticlassClassification:
            {
                var options = Configure(new LightGbmMulticlassTrainer.Options
                {
                    UseSoftmax = true, // ML.NET's default picks one-vs-rest sigmoids below 50,000 rows; softmax is multi:softprob
                    EvaluationMetric = LightGbmMulticlassTrainer.Options.EvaluateMetricType.LogLoss,
                }, settings, data, check, booster);
                parameters = MLNetOptions.Apply(Name, Parameters.Except(BinaryOnly).ToList(), Others, settings, options, booster);
                fit = () =>
                {
                    var trainer = context.MulticlassClassification.Trainers.LightGbm(options);
                    var fitted = check is null ? trainer.Fit(data) : trainer.Fit(data, check);
                    var model = fitted.Model;
                    return (MLNetModels.PerClass(model, Name).SelectMany((ensemble, c) => MLNetModels.Trees(ensemble, c, Name)).ToList(), 1, fitted);
                };
                break;
            }
            default:
            {
                var options = Configure(new LightGbmRegressionTrainer.Options { EvaluationMetric = LightGbmRegressionTrainer.Options.EvaluateMetricType.RootMeanSquaredError },
                    settings, data, check, booster);
                parameters = MLNetOptions.Apply(Name, Parameters.Except(BinaryOnly).Where(p => p != "unbalanced_sets").ToList(), Others, settings, options, booster);
                fit = () =>
                {
                    var trainer = context.Regression.Trainers.LightGbm(options);
                    var fitted = check is null ? trainer.Fit(data) : trainer.Fit(data, check);
                    var model = fitted.Model;
                    return (MLNetModels.Trees(model.TrainedTreeEnsemble, 0, Name), 1, fitted);
                };
                break;
            }
        }

        var ((trees, scale, mlnet), elapsed) = await EnsembleRounds.FitAsync(context, fit, cancellationToken);
        // Multiclass: round r is each class's r-th tree, summed in round order as LightGBM grew them.
        var exported = trees.Select(t => TreeEnsembleExport.Convert(t, scale, training.Columns, Name))
            .OrderBy(t => t.Round).ThenBy(t => t.Group).ToList();
        var rounds = exported.Count == 0 ? 0 : exported.Max(t => t.Round) + 1;
        var stoppedEarly = check is not null && settings.EarlyStoppingRounds > 0 && rounds < settings.Rounds;
        return (new EnsembleRounds
        {
            Trainer = Name,
            Training = training,
            Validation = validation,
            Settings = settings,
            Trees = exported,
            BaseScore = settings.Task.Kind == TaskKind.BinaryClassification ? 0.5f : 0f,
            CutAtBestRound = false,
            // LightGBM stops `patience` rounds after its best one and keeps the best: the rounds it ran.
            RoundsRun = stoppedEarly ? Math.Min(settings.Rounds, rounds + settings.EarlyStoppingRounds) : rounds,
            Parameters = parameters,
            Elapsed = elapsed,
        }.Finish(progress), mlnet);
    }

    // Each task's options class derives from its own closed generic base, so the shared fields are set by name.
    private static T Configure<T>(T options, TrainingSettings settings, FeatureMatrixDataView data, FeatureMatrixDataView? validation, GradientBooster.Options booster)
        where T : class
    {
        var shared = new Dictionary<string, object?>
        {
            ["NumberOfIterations"] = settings.Rounds,
            ["NumberOfThreads"] = (int?)settings.EffectiveThreads,
            ["Seed"] = (int?)settings.Seed,
            ["Deterministic"] = true,
            ["ForceRowWise"] = true, // with deterministic: the same histograms whatever the threads' timing
            ["EarlyStoppingRound"] = validation is null ? 0 : settings.EarlyStoppingRounds,
            ["Booster"] = booster,
            ["Silent"] = true,
            ["Verbose"] = false,
            ["UseCategoricalSplit"] = (bool?)false, // Trainyard one-hot encodes; the scorer has no categorical splits
            ["FeatureColumnName"] = FeatureMatrixDataView.FeaturesColumn,
            ["LabelColumnName"] = FeatureMatrixDataView.LabelColumn,
            ["ExampleWeightColumnName"] = data.HasWeights ? FeatureMatrixDataView.WeightColumn : null,
        };
        foreach (var (name, value) in shared)
        {
            if (typeof(T).GetField(name) is { } field) field.SetValue(options, value);
            else if (typeof(T).GetProperty(name) is { } property) property.SetValue(options, value);
            else throw new InvalidOperationException($"LightGBM options have no field {name}.");
        }
        return options;
    }
}
