namespace Trainyard.Evaluation;

/// <summary>
/// Cross-entropy as scikit-learn 1.2 computes it (<c>log_loss</c>, <c>eps="auto"</c>): each probability clipped to
/// [ε, 1 − ε] with ε the float64 machine epsilon, each row renormalised to sum to 1, then the mean of −ln p(true class).
/// The clipping keeps a confident wrong prediction finite.
/// </summary>
internal static class LogLoss
{
    private static readonly double Epsilon = Math.BitIncrement(1.0) - 1.0;

    private static double Clip(double p) => Math.Clamp(p, Epsilon, 1 - Epsilon);

    /// <summary>Binary: <paramref name="probabilities"/> are of class 1.</summary>
    public static double Binary(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities)
    {
        var sum = 0.0;
        for (var i = 0; i < labels.Length; i++)
        {
            var one = Clip(probabilities[i]);
            var zero = Clip(1 - probabilities[i]);
            sum -= Math.Log((labels[i] == 1 ? one : zero) / (one + zero));
        }
        return sum / labels.Length;
    }

    /// <summary>Multiclass: one probability row per label.</summary>
    public static double Multiclass(IReadOnlyList<int> labels, IReadOnlyList<double[]> probabilities)
    {
        var sum = 0.0;
        for (var i = 0; i < labels.Count; i++)
        {
            var row = probabilities[i];
            var total = 0.0;
            foreach (var p in row) total += Clip(p);
            sum -= Math.Log(Clip(row[labels[i]]) / total);
        }
        return sum / labels.Count;
    }
}
