using Trainyard.Artifacts.Metrics;

namespace Trainyard.Evaluation;

/// <summary>Measures <see cref="MulticlassMetrics"/>; the predicted class is the most probable one (the first on ties, like numpy's argmax).</summary>
internal static class MulticlassMeasure
{
    /// <param name="labels">Class index per row, 0 ≤ label &lt; classNames.Count.</param>
    /// <param name="probabilities">One row of class probabilities per label; a row with any NaN is a missing prediction.</param>
    public static MulticlassMetrics Compute(IReadOnlyList<int> labels, IReadOnlyList<double[]> probabilities, IReadOnlyList<string> classNames)
    {
        if (labels.Count != probabilities.Count) throw new ArgumentException($"{labels.Count} labels but {probabilities.Count} probability rows.");
        var k = classNames.Count;
        var y = new List<int>();
        var rows = new List<double[]>();
        for (var i = 0; i < labels.Count; i++)
        {
            if ((uint)labels[i] >= (uint)k) throw new ArgumentException($"Row {i}: class index {labels[i]} is not below {k}.");
            if (probabilities[i].Length != k) throw new ArgumentException($"Row {i}: {probabilities[i].Length} probabilities for {k} classes.");
            if (probabilities[i].Any(double.IsNaN)) continue;
            y.Add(labels[i]);
            rows.Add(probabilities[i]);
        }

        var matrix = new int[k][];
        for (var c = 0; c < k; c++) matrix[c] = new int[k];
        for (var i = 0; i < y.Count; i++) matrix[y[i]][ArgMax(rows[i])]++;

        var why = new UndefinedReasons();
        var classes = new ClassMetrics[k];
        double macro = 0, weighted = 0;
        int present = 0, correct = 0;
        for (var c = 0; c < k; c++)
        {
            int tp = matrix[c][c], support = matrix[c].Sum(), predicted = matrix.Sum(r => r[c]);
            correct += tp;
            var name = classNames[c];
            var precision = why.Note($"class.{name}.precision", predicted == 0 ? null : (double)tp / predicted, "no rows predicted as this class");
            var recall = why.Note($"class.{name}.recall", support == 0 ? null : (double)tp / support, "no rows of this class");
            var f1 = why.Note($"class.{name}.f1", support + predicted == 0 ? null : 2.0 * tp / (support + predicted), "no rows of or predicted as this class");
            classes[c] = new ClassMetrics(name, support, predicted, precision, recall, f1);
            if (f1 is { } f) { macro += f; weighted += f * support; present++; }
        }

        var n = y.Count;
        const string noRows = "no rows with a prediction";
        return new MulticlassMetrics
        {
            Rows = n,
            MissingPredictions = labels.Count - n,
            Accuracy = why.Note("accuracy", n == 0 ? null : (double)correct / n, noRows),
            MacroF1 = why.Note("macro_f1", present == 0 ? null : macro / present, noRows),
            WeightedF1 = why.Note("weighted_f1", n == 0 ? null : weighted / n, noRows),
            LogLoss = why.Note("log_loss", n == 0 ? null : Evaluation.LogLoss.Multiclass(y, rows), noRows),
            Classes = classes,
            ConfusionMatrix = matrix,
            Undefined = why.ToDictionary(),
        };
    }

    private static int ArgMax(double[] row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
        return best;
    }
}
