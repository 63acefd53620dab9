using System.Runtime.InteropServices;

namespace Trainyard.Interop;

/// <summary>What a booster answers about its model: predictions, feature scores and string attributes.</summary>
internal sealed partial class Booster
{
    /// <summary>
    /// Predicted values for every row of <paramref name="matrix"/>, row-major: one per row (probability for binary,
    /// value for regression) or one per class (multi:softprob). <paramref name="iterationEnd"/> 0 uses every round.
    /// </summary>
    public unsafe float[] Predict(DMatrix matrix, int iterationEnd = 0)
    {
        var config = $$"""{"type":0,"training":false,"iteration_begin":0,"iteration_end":{{iterationEnd}},"strict_shape":false}""";
        XGBoostError.Check(
            XGBoostNative.XGBoosterPredictFromDMatrix(handle, matrix.Handle, config, out var shape, out var dimensions, out var result),
            nameof(XGBoostNative.XGBoosterPredictFromDMatrix));
        long count = 1;
        for (ulong i = 0; i < dimensions; i++) count *= (long)shape[i];
        return new ReadOnlySpan<float>(result, checked((int)count)).ToArray();
    }

    /// <summary>
    /// XGBoost's importance of each feature the model splits on, by <paramref name="importanceType"/>
    /// (<c>gain</c>, <c>total_gain</c>, <c>weight</c>, <c>cover</c>, <c>total_cover</c>); unused features are absent.
    /// </summary>
    public unsafe IReadOnlyDictionary<string, double> FeatureScores(string importanceType)
    {
        var config = $$"""{"importance_type":"{{importanceType}}"}""";
        XGBoostError.Check(
            XGBoostNative.XGBoosterFeatureScore(handle, config, out var featureCount, out var features, out var dimensions, out var shape, out var scores),
            nameof(XGBoostNative.XGBoosterFeatureScore));
        long count = 1;
        for (ulong i = 0; i < dimensions; i++) count *= (long)shape[i];
        if (count != (long)featureCount)
            throw new InvalidOperationException($"XGBoost gave {count} {importanceType} scores for {featureCount} features.");
        var result = new Dictionary<string, double>((int)featureCount);
        for (var i = 0; i < (int)featureCount; i++) result[Marshal.PtrToStringUTF8((nint)features[i])!] = scores[i];
        return result;
    }

    /// <summary>Stores a string attribute in the model (saved with it); null removes it.</summary>
    public void SetAttribute(string key, string? value) =>
        XGBoostError.Check(XGBoostNative.XGBoosterSetAttr(handle, key, value), nameof(XGBoostNative.XGBoosterSetAttr));

    public unsafe string? GetAttribute(string key)
    {
        XGBoostError.Check(XGBoostNative.XGBoosterGetAttr(handle, key, out var value, out var found), nameof(XGBoostNative.XGBoosterGetAttr));
        return found == 0 ? null : Marshal.PtrToStringUTF8((nint)value);
    }
}
