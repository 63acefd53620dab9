using Trainyard.Artifacts.Metrics;

namespace Trainyard.Evaluation;

internal static class Calibration
{
    public const int Bins = 10;

    /// <summary>
    /// Ten bins with edges i/10 and scikit-learn's <c>calibration_curve(strategy="uniform")</c> assignment
    /// (a probability on an inner edge belongs to the lower bin); empty bins are kept, with null means, so the
    /// table always has ten rows.
    /// </summary>
    public static IReadOnlyList<CalibrationBin> Measure(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities)
    {
        var edges = new double[Bins + 1];
        for (var i = 0; i <= Bins; i++) edges[i] = i * (1.0 / Bins); // numpy.linspace's arithmetic, so edges match bit for bit
        var count = new int[Bins];
        var predicted = new double[Bins];
        var observed = new int[Bins];
        for (var i = 0; i < labels.Length; i++)
        {
            var bin = 0;
            while (bin < Bins - 1 && edges[bin + 1] < probabilities[i]) bin++;
            count[bin]++;
            predicted[bin] += probabilities[i];
            observed[bin] += labels[i];
        }
        return Enumerable.Range(0, Bins).Select(b => new CalibrationBin(
            edges[b], edges[b + 1], count[b],
            count[b] == 0 ? null : predicted[b] / count[b],
            count[b] == 0 ? null : (double)observed[b] / count[b])).ToArray();
    }
}
