using Trainyard.Artifacts.Metrics;
using Trainyard.Pipelines;
using Trainyard.Runtime.Scoring;

namespace Trainyard.Training;

/// <summary>
/// Chooses the binary decision threshold (<see cref="ThresholdChoice"/>) once per trained model, on the validation
/// split: Train writes it into predictions.csv and run.json, Evaluate measures the test split at it. It lives in
/// Training so that Evaluation depends on Training and never the other way round.
/// </summary>
internal static class DecisionThreshold
{
    public const double Default = 0.5;

    /// <summary>
    /// The threshold for a model: null unless the task is binary; else the spec's fixed one, or the best on the
    /// validation split as <paramref name="scorer"/> scores it (its class-1 probability per row).
    /// </summary>
    public static ThresholdChoice? For(PipelineSpec spec, XGBoostScorer scorer, ReadOnlySpan<float> validationFeatures, ReadOnlySpan<float> validationLabels)
    {
        if (spec.Task != PipelineTask.Binary) return null;
        var probabilities = new float[validationLabels.Length * scorer.OutputCount];
        scorer.PredictBatch(validationFeatures, probabilities);
        var labels = new int[validationLabels.Length];
        for (var i = 0; i < labels.Length; i++) labels[i] = (int)validationLabels[i];
        return For(spec.Evaluation, labels, [.. probabilities.Select(p => (double)p)]);
    }

    /// <summary>The spec's fixed threshold when it has one, otherwise the best on the validation split.</summary>
    public static ThresholdChoice For(EvaluationSpec spec, IReadOnlyList<int> validationLabels, IReadOnlyList<double> validationProbabilities) =>
        spec.Threshold is { } fixedThreshold
            ? new ThresholdChoice(fixedThreshold, "spec", null, null, 0)
            : Choose(spec.ThresholdObjective, validationLabels, validationProbabilities);

    /// <summary>
    /// Tries each distinct validation probability t as "predict 1 when p ≥ t" and keeps the best for
    /// <paramref name="objective"/>; among equal scores the highest threshold wins (fewest positive predictions),
    /// so the choice never depends on row order. Rows without a probability are left out.
    /// </summary>
    public static ThresholdChoice Choose(ThresholdObjective objective, IReadOnlyList<int> labels, IReadOnlyList<double> probabilities)
    {
        var input = BinaryInput.Present(labels, probabilities);
        var curve = RocCurve.From(input.Labels, input.Probabilities);
        int positives = curve.Positives, negatives = curve.Negatives, n = positives + negatives;
        if (n == 0) return Fallback(objective, 0, "the validation split has no rows with a prediction");
        if (objective == ThresholdObjective.Youden && (positives == 0 || negatives == 0))
            return Fallback(objective, n, "Youden's J needs both classes in the validation split");
        if (objective == ThresholdObjective.F1 && positives == 0)
            return Fallback(objective, n, "F1 needs positive labels in the validation split");

        double? best = null;
        var bestThreshold = Default;
        for (var i = 0; i < curve.Thresholds.Count; i++)
        {
            int tp = curve.TruePositives[i], fp = curve.FalsePositives[i];
            int fn = positives - tp, tn = negatives - fp;
            var score = objective switch
            {
                ThresholdObjective.F1 => 2.0 * tp / (2 * tp + fp + fn),
                ThresholdObjective.Youden => (double)tp / positives + (double)tn / negatives - 1,
                _ => (double)(tp + tn) / n,
            };
            // Thresholds run from the highest down, so a strict > keeps the highest of equal scores.
            if (best is null || score > best) (best, bestThreshold) = (score, curve.Thresholds[i]);
        }
        return new ThresholdChoice(bestThreshold, "validation", objective, best, n);
    }

    private static ThresholdChoice Fallback(ThresholdObjective objective, int rows, string why) =>
        new ThresholdChoice(Default, "default", objective, null, rows, $"{why}; using {Default}");
}
