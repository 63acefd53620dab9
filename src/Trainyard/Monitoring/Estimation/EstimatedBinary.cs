namespace Trainyard.Monitoring.Estimation;

/// <summary>
/// A binary model's quality on unlabelled rows, expected from its calibrated probabilities: the expected confusion
/// matrix at the model's decision threshold and the metrics made from it. A metric is null where its denominator is
/// zero (Evaluate's convention; NannyML returns 0 there).
/// </summary>
internal sealed record EstimatedBinary(
    int Rows,
    double TruePositives, double FalsePositives, double TrueNegatives, double FalseNegatives,
    double? Accuracy, double? Precision, double? Recall, double? F1, double? Auc)
{
    /// <summary>The estimates under the evaluation metric catalogue's names (<c>auc</c>, <c>accuracy</c>, …); gates prefix them <c>estimated.</c>.</summary>
    public IReadOnlyDictionary<string, double?> Metrics => new Dictionary<string, double?>(StringComparer.Ordinal)
    {
        ["auc"] = Auc, ["accuracy"] = Accuracy, ["precision"] = Precision, ["recall"] = Recall, ["f1"] = F1,
    };

    /// <summary>NannyML's estimate_accuracy/precision/recall/f1 from the expected counts.</summary>
    internal static EstimatedBinary From(int rows, double tp, double fp, double tn, double fn, double? auc) => new(
        rows, tp, fp, tn, fn,
        Accuracy: rows == 0 ? null : (tp + tn) / rows,
        Precision: tp + fp > 0 ? tp / (tp + fp) : null,
        Recall: tp + fn > 0 ? tp / (tp + fn) : null,
        F1: tp + (fp + fn) / 2 > 0 ? tp / (tp + (fp + fn) / 2) : null,
        Auc: auc);
}

/// <summary>
/// A multiclass model's quality on unlabelled rows, one-vs-rest per class and averaged over the classes (macro), as
/// NannyML's multiclass CBPE; accuracy is the mean calibrated probability of the predicted class.
/// </summary>
internal sealed record EstimatedMulticlass(
    int Rows, double? Accuracy, double? MacroPrecision, double? MacroRecall, double? MacroF1, double? MacroAuc,
    IReadOnlyList<EstimatedBinary> Classes)
{
    /// <summary>
    /// The catalogue's names where it has them (<c>accuracy</c>, <c>macro_f1</c>); <c>macro_precision</c>,
    /// <c>macro_recall</c> and <c>macro_auc</c> are estimate-only names (Evaluate reports no multiclass AUC).
    /// </summary>
    public IReadOnlyDictionary<string, double?> Metrics => new Dictionary<string, double?>(StringComparer.Ordinal)
    {
        ["accuracy"] = Accuracy, ["macro_f1"] = MacroF1, ["macro_precision"] = MacroPrecision, ["macro_recall"] = MacroRecall,
        ["macro_auc"] = MacroAuc,
    };
}
