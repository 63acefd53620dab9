namespace Trainyard.Artifacts.Metrics;

/// <summary>One class's precision, recall and F1 (one-vs-rest); null with a reason in the report when undefined.</summary>
/// <param name="Support">Rows whose label is this class.</param>
/// <param name="Predicted">Rows predicted as this class.</param>
internal sealed record ClassMetrics(string Name, int Support, int Predicted, double? Precision, double? Recall, double? F1);

/// <summary>Multiclass metrics; the predicted class is the most probable one (the first on ties, like numpy's argmax).</summary>
internal sealed record MulticlassMetrics
{
    public required int Rows { get; init; }
    public required int MissingPredictions { get; init; }
    public double? Accuracy { get; init; }
    /// <summary>Unweighted mean F1 over the classes that occur in the labels or the predictions (scikit-learn's default).</summary>
    public double? MacroF1 { get; init; }
    /// <summary>Mean F1 weighted by support.</summary>
    public double? WeightedF1 { get; init; }
    public double? LogLoss { get; init; }
    public required IReadOnlyList<ClassMetrics> Classes { get; init; }
    /// <summary>Counts by [true class][predicted class], in class order.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; init; }
    public required IReadOnlyDictionary<string, string> Undefined { get; init; }

    public MetricSet Scalars()
    {
        var values = new Dictionary<string, double?>
        {
            ["accuracy"] = Accuracy, ["macro_f1"] = MacroF1, ["weighted_f1"] = WeightedF1, ["log_loss"] = LogLoss,
        };
        foreach (var c in Classes)
        {
            values[$"class.{c.Name}.precision"] = c.Precision;
            values[$"class.{c.Name}.recall"] = c.Recall;
            values[$"class.{c.Name}.f1"] = c.F1;
        }
        return MetricSet.From(values, Undefined);
    }
}
