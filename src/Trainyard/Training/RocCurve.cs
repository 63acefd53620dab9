namespace Trainyard.Training;

/// <summary>
/// Cumulative true and false positives at each distinct score, highest first: predicting positive when
/// score ≥ threshold. Tied scores form one point, as in scikit-learn's <c>_binary_clf_curve</c>, so ties
/// count half in the AUC instead of depending on row order.
/// </summary>
internal sealed class RocCurve
{
    private RocCurve(double[] thresholds, int[] truePositives, int[] falsePositives, int positives, int negatives)
    {
        Thresholds = thresholds;
        TruePositives = truePositives;
        FalsePositives = falsePositives;
        Positives = positives;
        Negatives = negatives;
    }

    public IReadOnlyList<double> Thresholds { get; }
    public IReadOnlyList<int> TruePositives { get; }
    public IReadOnlyList<int> FalsePositives { get; }
    public int Positives { get; }
    public int Negatives { get; }

    public static RocCurve From(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores)
    {
        var keys = new double[scores.Length];
        var order = new int[scores.Length];
        for (var i = 0; i < keys.Length; i++) (keys[i], order[i]) = (-scores[i], i);
        Array.Sort(keys, order);

        var thresholds = new List<double>();
        var tps = new List<int>();
        var fps = new List<int>();
        int tp = 0, fp = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (labels[order[i]] == 1) tp++; else fp++;
            if (i + 1 < order.Length && keys[i + 1] == keys[i]) continue;
            thresholds.Add(-keys[i]);
            tps.Add(tp);
            fps.Add(fp);
        }
        return new RocCurve([.. thresholds], [.. tps], [.. fps], tp, fp);
    }

    /// <summary>Trapezoidal area under (FPR, TPR) from (0, 0); null when a class is absent.</summary>
    public double? Auc()
    {
        if (Positives == 0 || Negatives == 0) return null;
        double area = 0, previousTp = 0, previousFp = 0;
        for (var i = 0; i < Thresholds.Count; i++)
        {
            area += (FalsePositives[i] - previousFp) * (TruePositives[i] + previousTp) / 2.0;
            (previousTp, previousFp) = (TruePositives[i], FalsePositives[i]);
        }
        return area / ((double)Positives * Negatives);
    }

    /// <summary>
    /// Average precision, scikit-learn's <c>average_precision_score</c>: Σ (Rₙ − Rₙ₋₁)·Pₙ over the distinct
    /// thresholds, a step function with no interpolation (the trapezoid overstates PR AUC). Null without positives.
    /// </summary>
    public double? AveragePrecision()
    {
        if (Positives == 0) return null;
        double sum = 0, previousRecall = 0;
        for (var i = 0; i < Thresholds.Count; i++)
        {
            var recall = (double)TruePositives[i] / Positives;
            var precision = (double)TruePositives[i] / (TruePositives[i] + FalsePositives[i]);
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
        }
        return sum;
    }

    /// <summary>Kolmogorov–Smirnov: the largest |TPR − FPR|, the two-sample KS statistic of the class score distributions.</summary>
    public double? Ks()
    {
        if (Positives == 0 || Negatives == 0) return null;
        var best = 0.0;
        for (var i = 0; i < Thresholds.Count; i++)
            best = Math.Max(best, Math.Abs((double)TruePositives[i] / Positives - (double)FalsePositives[i] / Negatives));
        return best;
    }
}
