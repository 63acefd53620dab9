namespace Trainyard.Reporting;

/// <summary>
/// ROC and precision–recall curves from the test rows' scores, one point per distinct score (tied scores move
/// together, as in metrics.json's AUC), thinned to a few hundred points for the page.
/// </summary>
internal static class ScoreCurves
{
    const int MaxPoints = 300;

    public static (IReadOnlyList<(double X, double Y)> Roc, IReadOnlyList<(double X, double Y)> PrecisionRecall) Of(IReadOnlyList<(bool Positive, double Score)> rows)
    {
        int positives = rows.Count(r => r.Positive), negatives = rows.Count - positives;
        if (positives == 0 || negatives == 0) return ([], []);
        var sorted = rows.OrderByDescending(r => r.Score).ToArray();
        var roc = new List<(double, double)> { (0, 0) };
        var pr = new List<(double, double)>();
        int truePositives = 0, falsePositives = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Positive) truePositives++; else falsePositives++;
            if (i + 1 < sorted.Length && sorted[i + 1].Score == sorted[i].Score) continue;
            roc.Add(((double)falsePositives / negatives, (double)truePositives / positives));
            pr.Add(((double)truePositives / positives, (double)truePositives / (truePositives + falsePositives)));
        }
        return (Thin(roc), Thin(pr));
    }

    static IReadOnlyList<(double X, double Y)> Thin(List<(double X, double Y)> points)
    {
        if (points.Count <= MaxPoints) return points;
        var step = (double)(points.Count - 1) / (MaxPoints - 1);
        return [.. Enumerable.Range(0, MaxPoints).Select(i => points[(int)Math.Round(i * step)])];
    }
}
