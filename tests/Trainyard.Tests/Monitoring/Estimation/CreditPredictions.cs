using System.Globalization;
using Trainyard.Artifacts;
using Trainyard.Artifacts.Metrics;
using Trainyard.Monitoring.Estimation;
using Trainyard.Tests.Packaging;
using Trainyard.Training;

namespace Trainyard.Tests.Monitoring.Estimation;

/// <summary>One test row of the credit sample: its label (1 = bad), the model's score and the row's inputs from the data file.</summary>
internal sealed record CreditRow(int Label, double Score, IReadOnlyDictionary<string, string> Inputs)
{
    /// <summary>A numeric input; NaN when the cell is empty.</summary>
    public double Number(string column) =>
        Inputs[column] is { Length: > 0 } text ? double.Parse(text, CultureInfo.InvariantCulture) : double.NaN;
}

/// <summary>
/// The credit sample's test split as Evaluate scored it (predictions.csv joined to data/credit_data.csv by line),
/// halved: every other row calibrates (a version's labelled test rows), the rest stand in for production traffic.
/// </summary>
internal sealed record CreditPredictions(
    IReadOnlyList<CreditRow> Calibration, IReadOnlyList<CreditRow> Traffic, double Threshold, double EvaluatedAuc)
{
    public static async Task<CreditPredictions> ReadAsync(EvaluatedSample sample)
    {
        var artifacts = Path.Combine(sample.Root, "artifacts/credit-risk");
        var predictions = await PredictionsFile.ReadAsync(Path.Combine(artifacts, "predictions.csv"), CancellationToken.None);
        var metrics = await MetricsJson.ReadAsync(Path.Combine(artifacts, "metrics.json"));
        var data = await File.ReadAllLinesAsync(Path.Combine(sample.Root, "data/credit_data.csv"));
        var columns = Cells(data[0]);

        var scores = predictions.BinaryScores();
        Assert.Equal(predictions.Rows.Count, scores.Count); // every test row has a score, so the two lists align
        var rows = predictions.Rows.Select((row, i) =>
        {
            var line = int.Parse(row[0], CultureInfo.InvariantCulture); // the data file's line, its header being line 1
            var cells = Cells(data[line - 1]);
            return new CreditRow(scores[i].Positive ? 1 : 0, scores[i].Score, columns.Zip(cells).ToDictionary(c => c.First, c => c.Second));
        }).ToArray();
        Assert.All(rows, row => Assert.Equal(row.Label == 1 ? "bad" : "good", row.Inputs["Status"]));

        return new CreditPredictions([.. rows.Where((_, i) => i % 2 == 0)], [.. rows.Where((_, i) => i % 2 == 1)],
            metrics.Binary!.Threshold, metrics.Binary.Auc!.Value);
    }

    public IsotonicCalibration Calibrate() =>
        IsotonicCalibration.Fit([.. Calibration.Select(r => r.Score)], [.. Calibration.Select(r => r.Label)]);

    public static double RealizedAuc(IReadOnlyList<CreditRow> rows) =>
        RocCurve.From([.. rows.Select(r => r.Label)], [.. rows.Select(r => r.Score)]).Auc()!.Value;

    /// <summary>
    /// Hanley and McNeil's (1982) standard error of an AUC measured on this many positives and negatives: how far
    /// the realized AUC of a sample this size strays from the AUC of the traffic it was drawn from.
    /// </summary>
    public static double StandardError(double auc, IReadOnlyList<CreditRow> rows)
    {
        double positives = rows.Count(r => r.Label == 1), negatives = rows.Count - positives;
        double q1 = auc / (2 - auc), q2 = 2 * auc * auc / (1 + auc);
        return Math.Sqrt((auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives));
    }

    // The sample file quotes strings and has no commas inside values.
    static string[] Cells(string line) => [.. line.Split(',').Select(cell => cell.Trim('"'))];
}
