using System.Text.Json;

namespace Trainyard.Monitoring.Estimation;

/// <summary>
/// <see cref="ConfidenceBasedEstimate"/> over a prediction log as it streams past (Monitor's <c>estimated.*</c>
/// figures): each logged prediction is calibrated and added to the expected confusion matrix at once; for the
/// expected ROC AUC its weights are summed per score bin of width 2⁻¹⁶, so memory is bounded by the bins, not the log.
/// Scores in one bin count as tied, which moves the AUC by far less than its own noise (pairs closer than 1.5e-5).
/// </summary>
internal sealed class LiveEstimate : IQualityEstimate
{
    const double BinsPerUnit = 1 << 16;

    readonly string[] _classes;
    readonly IsotonicCalibration[] _calibrations;
    readonly ClassTally[] _tallies;
    readonly double _threshold;
    readonly bool _binary;
    readonly double[] _raw;
    readonly double[] _calibrated;
    double _accuracy;
    int _rows;

    /// <param name="classes">Binary: the positive class alone; multiclass: every class, in the model's order.</param>
    /// <param name="calibrations">One per class of <paramref name="classes"/>.</param>
    /// <param name="threshold">Binary: a row is predicted positive when its score ≥ this.</param>
    public LiveEstimate(bool binary, IReadOnlyList<string> classes, IReadOnlyList<IsotonicCalibration> calibrations, double threshold)
    {
        (_binary, _classes, _calibrations, _threshold) = (binary, [.. classes], [.. calibrations], threshold);
        _tallies = [.. classes.Select(_ => new ClassTally())];
        (_raw, _calibrated) = (new double[classes.Count], new double[classes.Count]);
    }

    /// <summary>The figures this estimate gives for a task, under the names gates use after <c>estimated.</c>.</summary>
    public static IReadOnlyList<string> Names(string task) => task switch
    {
        "binary" => ["auc", "accuracy", "precision", "recall", "f1"],
        "multiclass" => ["accuracy", "macro_f1", "macro_precision", "macro_recall", "macro_auc"],
        _ => [],
    };

    public void Add(JsonElement prediction)
    {
        if (!prediction.TryGetProperty("probabilities"u8, out var probabilities) || probabilities.ValueKind != JsonValueKind.Object) return;
        for (var c = 0; c < _classes.Length; c++)
        {
            if (!probabilities.TryGetProperty(_classes[c], out var value) || value.ValueKind != JsonValueKind.Number) return;
            _raw[c] = value.GetDouble();
            if (double.IsNaN(_raw[c])) return;
        }
        _rows++;
        if (_binary)
        {
            var p = _calibrations[0].Apply(_raw[0]);
            _tallies[0].Add(_raw[0], p, _raw[0] >= _threshold);
            return;
        }

        // As ConfidenceBasedEstimate.Multiclass: calibrated per class, scaled to sum to one; the predicted class is the model's.
        double sum = 0;
        var predicted = 0;
        for (var c = 0; c < _classes.Length; c++)
        {
            sum += _calibrated[c] = _calibrations[c].Apply(_raw[c]);
            if (_raw[c] > _raw[predicted]) predicted = c;
        }
        for (var c = 0; c < _classes.Length; c++)
        {
            var p = sum > 0 ? _calibrated[c] / sum : 1.0 / _classes.Length;
            if (c == predicted) _accuracy += p;
            _tallies[c].Add(_raw[c], p, c == predicted);
        }
    }

    public IReadOnlyDictionary<string, double?> Result()
    {
        var classes = _tallies.Select(t => t.Estimate()).ToArray();
        if (_binary) return classes[0].Metrics;
        return new EstimatedMulticlass(_rows, _rows == 0 ? null : _accuracy / _rows,
            ConfidenceBasedEstimate.Macro(classes, e => e.Precision), ConfidenceBasedEstimate.Macro(classes, e => e.Recall),
            ConfidenceBasedEstimate.Macro(classes, e => e.F1), ConfidenceBasedEstimate.Macro(classes, e => e.Auc), classes).Metrics;
    }

    /// <summary>One class's expected confusion counts, and its calibrated weights per score bin for the expected AUC.</summary>
    sealed class ClassTally
    {
        readonly Dictionary<long, (double Positive, double Negative)> _bins = [];
        double _tp, _fp, _tn, _fn;
        int _rows;

        public void Add(double score, double p, bool predicted)
        {
            _rows++;
            if (predicted) { _tp += p; _fp += 1 - p; }
            else { _fn += p; _tn += 1 - p; }
            var bin = (long)Math.Floor(score * BinsPerUnit);
            var (positive, negative) = _bins.GetValueOrDefault(bin);
            _bins[bin] = (positive + p, negative + 1 - p);
        }

        public EstimatedBinary Estimate() => EstimatedBinary.From(_rows, _tp, _fp, _tn, _fn, Auc());

        /// <summary>ExpectedRocAuc over the bins, highest score first, each bin one point of the curve.</summary>
        double? Auc()
        {
            double area = 0, tp = 0, fp = 0;
            foreach (var bin in _bins.Keys.OrderDescending())
            {
                var (positive, negative) = _bins[bin];
                area += negative * (2 * tp + positive) / 2;
                (tp, fp) = (tp + positive, fp + negative);
            }
            return tp <= 0 || fp <= 0 ? null : area / (tp * fp);
        }
    }
}
