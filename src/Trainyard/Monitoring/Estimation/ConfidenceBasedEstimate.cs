namespace Trainyard.Monitoring.Estimation;

/// <summary>
/// Confidence-based performance estimation (NannyML's CBPE): a model's quality on rows whose labels have not arrived,
/// from its own scores calibrated on its labelled test split. Right while the relation between inputs and label holds
/// (covariate shift): rows moving to where the model is unsure lower the estimate. Blind to concept shift (the same
/// inputs now meaning another label): the scores do not change, so neither does the estimate. docs/monitor-estimation.md.
/// </summary>
internal static class ConfidenceBasedEstimate
{
    /// <param name="calibration">Fitted on the version's test split (its scores against its labels).</param>
    /// <param name="scores">The model's probability of the positive class per row; NaN rows (no prediction) are left out.</param>
    /// <param name="threshold">The model's decision threshold: a row is predicted positive when its score ≥ threshold.</param>
    public static EstimatedBinary Binary(IsotonicCalibration calibration, ReadOnlySpan<double> scores, double threshold)
    {
        var kept = new List<double>(scores.Length);
        foreach (var score in scores) if (!double.IsNaN(score)) kept.Add(score);
        var s = kept.ToArray();
        var p = calibration.Apply(s);
        var predicted = new bool[s.Length];
        for (var i = 0; i < s.Length; i++) predicted[i] = s[i] >= threshold;
        return Expected(predicted, p, ExpectedRocAuc.Of(s, p));
    }

    /// <param name="perClass">One calibration per class, fitted one-vs-rest (<see cref="IsotonicCalibration.FitOneVsRest"/>).</param>
    /// <param name="probabilities">The model's class probabilities per row, in class order; rows with a NaN are left out.</param>
    public static EstimatedMulticlass Multiclass(IReadOnlyList<IsotonicCalibration> perClass, IReadOnlyList<double[]> probabilities)
    {
        var k = perClass.Count;
        var rows = probabilities.Where(row => !row.Any(double.IsNaN)).ToArray();
        if (rows.FirstOrDefault(row => row.Length != k) is { } wrong)
            throw new ArgumentException($"A row has {wrong.Length} probabilities for {k} calibrated classes.");

        // Calibrated per class, then each row scaled to sum to one (uniform where all are zero), as NannyML does.
        var calibrated = rows.Select(row =>
        {
            var p = new double[k];
            for (var c = 0; c < k; c++) p[c] = perClass[c].Apply(row[c]);
            var sum = p.Sum();
            for (var c = 0; c < k; c++) p[c] = sum > 0 ? p[c] / sum : 1.0 / k;
            return p;
        }).ToArray();
        var predictedClass = rows.Select(ArgMax).ToArray();

        var classes = new EstimatedBinary[k];
        for (var c = 0; c < k; c++)
        {
            var pc = calibrated.Select(p => p[c]).ToArray();
            var predicted = predictedClass.Select(best => best == c).ToArray();
            classes[c] = Expected(predicted, pc, ExpectedRocAuc.Of(rows.Select(row => row[c]).ToArray(), pc));
        }

        double? accuracy = rows.Length == 0 ? null : calibrated.Select((p, i) => p[predictedClass[i]]).Average();
        return new EstimatedMulticlass(rows.Length, accuracy,
            Macro(classes, e => e.Precision), Macro(classes, e => e.Recall), Macro(classes, e => e.F1), Macro(classes, e => e.Auc), classes);
    }

    /// <summary>E[TP] = Σ p over predicted positives, E[FP] = Σ (1 − p) over them; E[FN], E[TN] likewise over predicted negatives.</summary>
    static EstimatedBinary Expected(bool[] predicted, double[] p, double? auc)
    {
        double tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < p.Length; i++)
        {
            if (predicted[i]) { tp += p[i]; fp += 1 - p[i]; }
            else { fn += p[i]; tn += 1 - p[i]; }
        }
        return EstimatedBinary.From(p.Length, tp, fp, tn, fn, auc);
    }

    /// <summary>The mean over the classes where the metric is defined (as Evaluate's macro F1); null when none is.</summary>
    internal static double? Macro(IReadOnlyList<EstimatedBinary> classes, Func<EstimatedBinary, double?> metric)
    {
        var defined = classes.Select(metric).OfType<double>().ToArray();
        return defined.Length == 0 ? null : defined.Average();
    }

    /// <summary>The predicted class: the most probable, the first on ties (as Evaluate's MulticlassMeasure).</summary>
    static int ArgMax(double[] row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
        return best;
    }
}
