using Trainyard.Artifacts;
using Trainyard.Monitoring.Estimation;
using Trainyard.Pipelines;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Packaging;

/// <summary>
/// The test split's isotonic calibration (predictions.csv), stored in the package's metadata beside the score deciles
/// so that Monitor can estimate a version's quality from its live scores alone (docs/monitor-estimation.md).
/// </summary>
internal static class ScoreCalibration
{
    /// <returns>Binary: the positive class's; multiclass: one per class; null for regression or without labelled scores.</returns>
    public static async Task<IReadOnlyList<ClassCalibration>?> ReadAsync(string predictionsPath, PipelineTask task, CancellationToken cancellationToken) =>
        task == PipelineTask.Regression ? null : TestSplitCalibration.Named(await PredictionsFile.ReadAsync(predictionsPath, cancellationToken));
}
