using System.Globalization;

namespace Trainyard.Training;

/// <summary>
/// Python xgboost's early-stopping rule, so a spec behaves the same in both: the score is the value XGBoost prints
/// in its evaluation line, only a strict improvement counts, and training stops after <c>patience</c> rounds
/// without one. The direction follows the metric's name as in Python (AUC, precision, MAP, NDCG go up).
/// </summary>
internal sealed class EarlyStopping(string metric, int patience)
{
    private static readonly string[] HigherIsBetter = ["auc", "aucpr", "pre", "pre@", "map", "ndcg", "auc@", "aucpr@", "map@", "ndcg@"];

    private readonly bool maximize = metric != "mape" && HigherIsBetter.Any(p => metric.StartsWith(p, StringComparison.Ordinal));
    private int roundsWithoutImprovement;

    public int BestIteration { get; private set; } = -1;

    public double BestScore { get; private set; }

    /// <summary>Records round <paramref name="iteration"/>'s score; true when training should stop.</summary>
    public bool Observe(int iteration, double score)
    {
        if (BestIteration < 0 || (maximize ? score > BestScore : score < BestScore))
        {
            BestIteration = iteration;
            BestScore = score;
            roundsWithoutImprovement = 0;
        }
        else
        {
            roundsWithoutImprovement++;
        }
        return patience > 0 && roundsWithoutImprovement >= patience;
    }

    /// <summary>
    /// The last metric on the line for the set named <paramref name="set"/> (Python's rule when several are set),
    /// from XGBoost's evaluation line such as <c>[3]\tvalidation-auc:0.912</c>.
    /// </summary>
    public static (string Metric, double Value) LastMetric(string line, string set)
    {
        var prefix = set + "-";
        var entry = line.Split('\t').Last(e => e.StartsWith(prefix, StringComparison.Ordinal));
        var colon = entry.LastIndexOf(':');
        return (entry[prefix.Length..colon], double.Parse(entry[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}
