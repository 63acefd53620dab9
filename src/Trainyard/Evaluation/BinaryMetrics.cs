using Trainyard.Training;

namespace Trainyard.Evaluation;

/// <summary>Binary classification metrics on one set of rows (the test split or a slice of it).</summary>
internal sealed record BinaryMetrics
{
    /// <summary>Rows measured: those with a probability.</summary>
    public required int Rows { get; init; }
    /// <summary>Rows whose probability was missing (NaN), left out of every metric.</summary>
    public required int MissingPredictions { get; init; }
    public required int Positives { get; init; }
    /// <summary>Class 1 is predicted when its probability is at least this.</summary>
    public required double Threshold { get; init; }
    public double? Auc { get; init; }
    public double? PrAuc { get; init; }
    public double? LogLoss { get; init; }
    public double? Brier { get; init; }
    public double? Accuracy { get; init; }
    public double? Precision { get; init; }
    public double? Recall { get; init; }
    public double? F1 { get; init; }
    public double? Ks { get; init; }
    public double? TopDecileLift { get; init; }
    /// <summary>Share of label 1.</summary>
    public double? BaseRate { get; init; }
    /// <summary>Share of rows predicted 1 (its gap across slices is the demographic-parity gap).</summary>
    public double? PredictedPositiveRate { get; init; }
    public required ConfusionCounts Confusion { get; init; }
    public required IReadOnlyList<LiftDecile> Lift { get; init; }
    public required IReadOnlyList<CalibrationBin> Calibration { get; init; }
    /// <summary>Why a metric is null, by metric name.</summary>
    public required IReadOnlyDictionary<string, string> Undefined { get; init; }

    public MetricSet Scalars() => MetricSet.From(new Dictionary<string, double?>
    {
        ["auc"] = Auc, ["pr_auc"] = PrAuc, ["log_loss"] = LogLoss, ["brier"] = Brier, ["accuracy"] = Accuracy,
        ["precision"] = Precision, ["recall"] = Recall, ["f1"] = F1, ["ks"] = Ks, ["top_decile_lift"] = TopDecileLift,
        ["base_rate"] = BaseRate, ["predicted_positive_rate"] = PredictedPositiveRate,
    }, Undefined);

    /// <param name="labels">0 or 1 per row; 1 is the positive class.</param>
    /// <param name="probabilities">Probability of class 1 per row; NaN for a missing prediction.</param>
    public static BinaryMetrics Compute(IReadOnlyList<int> labels, IReadOnlyList<double> probabilities, double threshold)
    {
        var input = BinaryInput.Present(labels, probabilities);
        var (y, p) = (input.Labels, input.Probabilities);
        var n = y.Length;
        var why = new UndefinedReasons();
        var noRows = n == 0 ? "no rows with a prediction" : null;
        var curve = RocCurve.From(y, p);
        var oneClass = noRows ?? (curve.Positives == 0 ? "no positive labels (only class 0)" : "no negative labels (only class 1)");
        var confusion = ConfusionCounts.At(y, p, threshold);
        var (tp, fp, fn) = (confusion.TruePositives, confusion.FalsePositives, confusion.FalseNegatives);
        var lift = LiftTable.Measure(y, p);
        var brier = 0.0;
        for (var i = 0; i < n; i++) brier += (p[i] - y[i]) * (p[i] - y[i]);

        return new BinaryMetrics
        {
            Rows = n,
            MissingPredictions = input.MissingPredictions,
            Positives = curve.Positives,
            Threshold = threshold,
            Auc = why.Note("auc", curve.Auc(), oneClass),
            PrAuc = why.Note("pr_auc", curve.AveragePrecision(), noRows ?? "no positive labels"),
            LogLoss = why.Note("log_loss", n == 0 ? null : Evaluation.LogLoss.Binary(y, p), noRows!),
            Brier = why.Note("brier", n == 0 ? null : brier / n, noRows!),
            Accuracy = why.Note("accuracy", n == 0 ? null : (double)(n - fp - fn) / n, noRows!),
            Precision = why.Note("precision", tp + fp == 0 ? null : (double)tp / (tp + fp), noRows ?? "no positive predictions at this threshold"),
            Recall = why.Note("recall", tp + fn == 0 ? null : (double)tp / (tp + fn), noRows ?? "no positive labels"),
            // F1 as 2TP/(2TP+FP+FN): 0, not undefined, when positives exist but none is found (scikit-learn's value too).
            F1 = why.Note("f1", 2 * tp + fp + fn == 0 ? null : 2.0 * tp / (2 * tp + fp + fn), noRows ?? "no positive labels and no positive predictions"),
            Ks = why.Note("ks", curve.Ks(), oneClass),
            TopDecileLift = why.Note("top_decile_lift", lift.Count == 0 ? null : lift[0].Lift,
                noRows ?? (n < 10 ? $"fewer than 10 rows ({n})" : "no positive labels")),
            BaseRate = why.Note("base_rate", n == 0 ? null : (double)curve.Positives / n, noRows!),
            PredictedPositiveRate = why.Note("predicted_positive_rate", n == 0 ? null : (double)(tp + fp) / n, noRows!),
            Confusion = confusion,
            Lift = lift,
            Calibration = Evaluation.Calibration.Measure(y, p),
            Undefined = why.ToDictionary(),
        };
    }
}
