using Trainyard.Training;

namespace Trainyard.Benchmarks;

/// <summary>
/// The one AUC every ML.NET benchmark side reports: Trainyard's own (<see cref="RocCurve"/>, what Evaluate's
/// binary metrics use: trapezoids over distinct scores, ties counting half), on the probabilities of class 1.
/// </summary>
internal static class TestAuc
{
    public static double Of(ReadOnlySpan<float> labels, ReadOnlySpan<float> probabilities)
    {
        var classes = new int[labels.Length];
        var scores = new double[labels.Length];
        for (var i = 0; i < labels.Length; i++) (classes[i], scores[i]) = (labels[i] > 0 ? 1 : 0, probabilities[i]);
        return RocCurve.From(classes, scores).Auc() ?? double.NaN;
    }
}
