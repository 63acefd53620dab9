using Trainyard.Interop;

namespace Trainyard.Training;

/// <summary>
/// Predictions by libxgboost itself from a saved JSON model: the reference the managed scorer in Trainyard.Runtime
/// is held to in parity tests, and the other side of the scoring benchmark. Production scoring never uses it.
/// </summary>
internal static class NativePredictor
{
    /// <summary>
    /// Row-major outputs: one per row (probability of class 1, or the value) or one per class for multiclass.
    /// <paramref name="features"/> is dense row-major with NaN for missing, as in <see cref="TrainingSet"/>.
    /// </summary>
    public static float[] Predict(ReadOnlySpan<byte> modelJson, ReadOnlySpan<float> features, int rows, int columns, int threads = 0)
    {
        var effectiveThreads = threads > 0 ? threads : Environment.ProcessorCount;
        using var booster = Booster.Load(modelJson);
        booster.SetParameter("nthread", effectiveThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var matrix = DMatrix.FromDense(features, rows, columns, effectiveThreads);
        return booster.Predict(matrix);
    }
}
