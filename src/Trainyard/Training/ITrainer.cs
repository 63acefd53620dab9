namespace Trainyard.Training;

/// <summary>
/// Fits a model on a training set, stopping early on a validation set. Trainyard brings <see cref="XGBoostTrainer"/>
/// (<c>xgboost</c>) and ML.NET's <see cref="MLNet.FastTreeTrainer"/> (<c>fasttree</c>) and
/// <see cref="MLNet.LightGbmTrainer"/> (<c>lightgbm</c>); a build registers its own through its settings hook,
/// <c>Configure&lt;TrainingSettings&gt; ITrain.TrainingSettings =&gt; s =&gt; s.WithTrainer(new MyTrainer());</c>, and a
/// pipeline spec picks one by <see cref="Name"/> with <c>training.trainer</c>.
/// </summary>
/// <remarks>
/// <para>What the model must be. Evaluate, Package and the model server score every model with one managed scorer
/// (Trainyard.Runtime), so <see cref="TrainedModel.ModelJson"/> must be an XGBoost 1.7 JSON model that scorer reads:
/// <c>learner.objective.name</c> <c>binary:logistic</c> (binary), <c>multi:softprob</c> (multiclass, with
/// <c>num_class</c>) or <c>reg:squarederror</c> (regression), matching <see cref="TrainingSettings.Task"/>;
/// <c>learner.learner_model_param</c> with <c>num_feature</c> = <see cref="TrainingSet.Columns"/> (the featurizer's
/// width, never 0), <c>num_class</c> and <c>base_score</c> (as strings, as XGBoost writes them; for
/// <c>binary:logistic</c> a probability strictly between 0 and 1); and a <c>gbtree</c> booster whose
/// <c>model.trees</c> (numeric splits only) and <c>model.tree_info</c> (the output each tree adds to) may be empty.
/// A row's score is <c>base_score</c> (as a margin: its log-odds for <c>binary:logistic</c>) plus one leaf of each
/// tree, through the objective's link. So a constant model is <c>base_score</c> and no trees, and any tree ensemble
/// (ML.NET's, LightGBM's) can be written as trees of <c>split_indices</c>, <c>split_conditions</c> (a leaf's value
/// at a leaf), <c>left_children</c>/<c>right_children</c> (-1 at a leaf) and <c>default_left</c>.
/// A model the scorer cannot read fails Train with the scorer's reason.</para>
/// <para>The other members of <see cref="TrainedModel"/> are recorded in run.json and the report: a trainer without
/// rounds reports <c>BestIteration = 0</c>, <c>RoundsTrained = 1</c> and an empty history and importance.</para>
/// <para><see cref="TrainingSettings.Parameters"/> are the spec's <c>training.parameters</c> as written (the
/// built-in trainers check them against their own lists; a build's trainer receives them unchecked); <see cref="TrainingSettings.Seed"/> and threads are there to honour.</para>
/// </remarks>
public interface ITrainer
{
    /// <summary>The name a pipeline spec uses to pick this trainer (<c>training.trainer</c>), e.g. <c>xgboost</c>; compared case-insensitively.</summary>
    string Name { get; }

    /// <summary>
    /// Trains on <paramref name="training"/>; with a <paramref name="validation"/> set, evaluates every round on it,
    /// stops early when it stops improving and returns the model as of its best round.
    /// Cancellation is honoured between rounds (<see cref="OperationCanceledException"/>).
    /// </summary>
    Task<TrainedModel> TrainAsync(
        TrainingSet training,
        TrainingSet? validation,
        TrainingSettings settings,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default);
}
