using Trainyard.Artifacts.Metrics;

namespace Trainyard.Evaluation;

internal static class LiftTable
{
    /// <summary>
    /// Rows sorted by score descending (equal scores keep row order, so the table is deterministic) and cut like
    /// <c>numpy.array_split(order, 10)</c>: the first n mod 10 deciles hold one row more. Empty when there are fewer
    /// than ten rows or no positives (lift is undefined then).
    /// </summary>
    public static IReadOnlyList<LiftDecile> Measure(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores)
    {
        var n = labels.Length;
        var positives = 0;
        foreach (var label in labels) positives += label;
        if (n < 10 || positives == 0) return [];

        var s = scores.ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => s[b].CompareTo(s[a]) is var c && c != 0 ? c : a.CompareTo(b));

        var overall = (double)positives / n;
        var deciles = new LiftDecile[10];
        int start = 0, cumulativeRows = 0, cumulativePositives = 0;
        for (var d = 0; d < 10; d++)
        {
            var size = n / 10 + (d < n % 10 ? 1 : 0);
            var hits = 0;
            for (var i = start; i < start + size; i++) hits += labels[order[i]];
            cumulativeRows += size;
            cumulativePositives += hits;
            var rate = (double)hits / size;
            deciles[d] = new LiftDecile(d + 1, size, hits, s[order[start + size - 1]], s[order[start]],
                rate, rate / overall, (double)cumulativePositives / positives,
                (double)cumulativePositives / cumulativeRows / overall);
            start += size;
        }
        return deciles;
    }
}
