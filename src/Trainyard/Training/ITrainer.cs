namespace Trainyard.Training;

/// <summary>
/// Fits a model on a training set, stopping early on a validation set. XGBoost is the one trainer today; the
/// interface is what lets an ML.NET or ONNX trainer be added where those packages are available.
/// </summary>
public interface ITrainer
{
    /// <summary>The name a pipeline spec uses to pick this trainer (<c>training.trainer</c>), e.g. <c>xgboost</c>.</summary>
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
