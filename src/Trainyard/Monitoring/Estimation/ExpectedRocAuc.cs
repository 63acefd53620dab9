namespace Trainyard.Monitoring.Estimation;

/// <summary>
/// The ROC AUC a model is expected to reach on unlabelled rows, NannyML's <c>estimate_roc_auc</c>
/// (nannyml/performance_estimation/confidence_based/metrics.py): rows in descending order of the model's own score,
/// each counting as a positive with weight p (its calibrated probability) and as a negative with weight 1 − p; the
/// cumulative sums are the expected true and false positives, and the trapezoidal area under (FPR, TPR) is the estimate.
/// Two deliberate differences: rows with equal scores form one point of the curve (as <see cref="Training.RocCurve"/>
/// and scikit-learn do; NannyML steps through them in argsort's arbitrary order), and the sums are not rounded to five
/// decimals (NannyML's <c>np.round(tps, 5)</c>, which moves the result by less than 1e-7 on a few hundred rows).
/// </summary>
internal static class ExpectedRocAuc
{
    /// <returns>Null when the expected positives or negatives are zero (every p is 0, or every p is 1).</returns>
    public static double? Of(ReadOnlySpan<double> scores, ReadOnlySpan<double> calibrated)
    {
        if (scores.Length != calibrated.Length) throw new ArgumentException($"{scores.Length} scores but {calibrated.Length} calibrated probabilities.");
        var keys = new double[scores.Length];
        var order = new int[scores.Length];
        for (var i = 0; i < keys.Length; i++) (keys[i], order[i]) = (-scores[i], i);
        Array.Sort(keys, order);

        double area = 0, tp = 0, fp = 0, previousTp = 0, previousFp = 0;
        for (var i = 0; i < order.Length; i++)
        {
            tp += calibrated[order[i]];
            fp += 1 - calibrated[order[i]];
            if (i + 1 < order.Length && keys[i + 1] == keys[i]) continue;
            area += (fp - previousFp) * (tp + previousTp) / 2;
            (previousTp, previousFp) = (tp, fp);
        }
        return tp <= 0 || fp <= 0 ? null : area / (tp * fp);
    }
}
