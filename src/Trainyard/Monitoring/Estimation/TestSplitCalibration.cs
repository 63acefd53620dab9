using System.Globalization;
using Trainyard.Artifacts;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Monitoring.Estimation;

/// <summary>A version's calibration computed from its test predictions (predictions.csv), when its package stores none.</summary>
internal static class TestSplitCalibration
{
    /// <returns>
    /// Binary: one calibration, of the positive class's probability (the second class). Multiclass: one per class, in the
    /// file's class order, fitted one-vs-rest. Rows whose label or probabilities are missing are left out.
    /// </returns>
    public static IReadOnlyList<IsotonicCalibration> Fit(PredictionsFile predictions)
    {
        var classes = predictions.Classes();
        if (classes.Count < 2) throw new ArgumentException("predictions.csv has no class probabilities: only a classifier's quality can be estimated.");
        if (classes.Count == 2)
        {
            var scores = predictions.BinaryScores();
            return [IsotonicCalibration.Fit([.. scores.Select(s => s.Score)], [.. scores.Select(s => s.Positive ? 1 : 0)])];
        }

        var header = predictions.Header.ToList();
        var label = header.IndexOf(PredictionsFile.LabelColumn);
        var columns = classes.Select(c => header.IndexOf(PredictionsFile.ProbabilityColumn(c))).ToArray();
        var labels = new List<int>();
        var rows = new List<double[]>();
        foreach (var row in predictions.Rows)
        {
            var index = label >= 0 && label < row.Length ? classes.ToList().IndexOf(row[label]) : -1;
            var probabilities = columns.Select(c => c < row.Length && double.TryParse(row[c], CultureInfo.InvariantCulture, out var p) ? p : double.NaN).ToArray();
            if (index < 0 || probabilities.Any(double.IsNaN)) continue;
            labels.Add(index);
            rows.Add(probabilities);
        }
        return IsotonicCalibration.FitOneVsRest([.. labels], rows, classes.Count);
    }

    /// <summary>
    /// The calibration as a package stores it (<see cref="ModelMetadata.Calibration"/>): binary the positive class's,
    /// multiclass one per class, each named; null when predictions.csv holds no labelled class probabilities.
    /// </summary>
    public static IReadOnlyList<ClassCalibration>? Named(PredictionsFile predictions)
    {
        var classes = predictions.Classes();
        if (classes.Count < 2) return null;
        IReadOnlyList<IsotonicCalibration> fitted;
        try
        {
            fitted = Fit(predictions);
        }
        catch (ArgumentException)
        {
            return null; // no labelled row with a score: nothing to calibrate on
        }
        var names = classes.Count == 2 ? [classes[1]] : classes;
        return [.. fitted.Select((c, i) => new ClassCalibration(names[i], c.Thresholds.X, c.Thresholds.Y))];
    }
}
