using Trainyard.Runtime.Metrics;

namespace Trainyard.Serving;

/// <summary>
/// The score histogram (<c>trainyard_prediction_score</c>): each prediction's score — binary, the positive class's
/// probability; multiclass, the top class's; regression, the output — bucketed by the package's score deciles, so
/// that a canary's and a stable's distributions can be compared bucket by bucket (score_psi). Lock-free: one binary
/// search over at most nine bounds and two interlocked adds per prediction.
/// </summary>
internal sealed class PredictionScores
{
    /// <summary>A package without deciles (made before they existed): tenths for a probability.</summary>
    public static readonly double[] DefaultProbabilityBounds = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    readonly bool _topClass;

    PredictionScores(double[] bounds, bool topClass) => (Histogram, _topClass) = (new Histogram(bounds), topClass);

    public Histogram Histogram { get; }

    /// <param name="deciles">The package's <c>score_deciles</c>; null in an older package.</param>
    /// <param name="task"><c>binary</c>, <c>multiclass</c> or <c>regression</c>.</param>
    /// <returns>Null for a regression package without deciles: the output's scale is unknown, and bounds guessed for it would bucket nothing useful.</returns>
    public static PredictionScores? For(IReadOnlyList<double>? deciles, string task)
    {
        var classification = task != "regression";
        // Tied deciles (many equal test scores) would repeat an `le`: each bound once, in order.
        var bounds = deciles?.Where(double.IsFinite).Distinct().Order().ToArray() is { Length: > 0 } given ? given
            : classification ? DefaultProbabilityBounds : null;
        return bounds is null ? null : new PredictionScores(bounds, task == "multiclass");
    }

    /// <summary>Records one prediction from the scorer's outputs (binary: P(positive) alone; multiclass: one probability per class).</summary>
    public void Observe(ReadOnlySpan<float> outputs)
    {
        var score = outputs[0];
        if (_topClass) for (var k = 1; k < outputs.Length; k++) score = Math.Max(score, outputs[k]);
        Histogram.Observe(score);
    }
}
