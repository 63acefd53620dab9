using System.Globalization;
using Trainyard.Evaluation;
using Trainyard.Pipelines;
using Trainyard.Artifacts;

namespace Trainyard.Packaging;

/// <summary>
/// The deciles of the test predictions' scores (predictions.csv), which the model server uses as its score
/// histogram's bounds so that a canary's score distribution can be compared with the stable's (score_psi). The score
/// is what the server observes per prediction: binary, the positive class's probability; multiclass, the top class's;
/// regression, the output.
/// </summary>
internal static class ScoreDeciles
{
    static readonly double[] Levels = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    /// <returns>The nine deciles (numpy's linear method), or null when predictions.csv holds no score.</returns>
    public static async Task<IReadOnlyList<double>?> ReadAsync(string predictionsPath, PipelineTask task, CancellationToken cancellationToken)
    {
        var predictions = await PredictionsFile.ReadAsync(predictionsPath, cancellationToken);
        var scores = Scores(predictions, task);
        return scores.Count == 0 ? null : [.. Quantiles.Of(scores, Levels).Select(q => q.Value)];
    }

    static List<double> Scores(PredictionsFile predictions, PipelineTask task)
    {
        var header = predictions.Header.ToList();
        // The probability columns follow the model's classes; binary lists the negative class first, so the positive is the last.
        int[] columns = task == PipelineTask.Regression ? [header.IndexOf("prediction")]
            : [.. header.Select((name, i) => (name, i)).Where(c => c.name.StartsWith(PredictionsFile.ProbabilityPrefix, StringComparison.Ordinal)).Select(c => c.i)];
        if (columns.Length == 0 || columns.Any(c => c < 0)) return [];
        if (task == PipelineTask.Binary) columns = [columns[^1]];
        var scores = new List<double>(predictions.Rows.Count);
        foreach (var row in predictions.Rows)
        {
            var best = double.NaN;
            foreach (var c in columns)
                if (c < row.Length && double.TryParse(row[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                    best = double.IsNaN(best) ? value : Math.Max(best, value);
            if (!double.IsNaN(best)) scores.Add(best);
        }
        return scores;
    }
}
