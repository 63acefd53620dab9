using Trainyard.Pipelines;

namespace Trainyard.Training;

/// <summary>
/// The time split: test rows are the latest (at or after the cutoff, or the latest test_share without one),
/// validation rows the latest validation_share of the rows before them, training rows the earliest. The model is
/// then judged on a period it has not seen, as it will be in production.
/// </summary>
internal static class DataSplitByTime
{
    public static DataSplitResult Split(SplitSpec spec, int[] labels, double[] times)
    {
        if (times.Length != labels.Length)
            throw new ArgumentException($"{times.Length} time values for {labels.Length} rows", nameof(times));

        var (missingLabel, missingTime) = (0, 0);
        var rows = new List<(double Time, int Row)>(labels.Length);
        for (var row = 0; row < labels.Length; row++)
        {
            if (labels[row] < 0) missingLabel++;
            else if (double.IsNaN(times[row])) missingTime++;
            else rows.Add((times[row], row));
        }
        // Equal times keep row order, so the split does not depend on the sort algorithm.
        rows.Sort();

        var firstTest = Cutoff(spec) is { } cutoff
            ? FirstAtOrAfter(rows, cutoff)
            : rows.Count - DataSplitShares.Of(rows.Count, spec.TestShare);
        var firstValidation = firstTest - DataSplitShares.Of(firstTest, spec.ValidationShare);

        var column = $"time_column '{spec.TimeColumn}'";
        if (firstTest == rows.Count)
            throw Empty(spec, Cutoff(spec) is null
                ? $"the time split has no test rows: {rows.Count} labelled rows with a {column} value are too few for test_share {YamlValues.Format(spec.TestShare)}"
                : $"the time split has no test rows: no labelled row has a {column} value at or after the cutoff {CutoffText(spec)}; move the cutoff earlier");
        if (firstValidation == firstTest || firstValidation == 0)
            throw Empty(spec, $"the time split has no {(firstValidation == firstTest ? "validation" : "training")} rows: only {firstTest} labelled rows "
                + $"with a {column} value come before the test rows, too few for validation_share {YamlValues.Format(spec.ValidationShare)}"
                + (Cutoff(spec) is null ? "" : "; move the cutoff later"));

        return new DataSplitResult(
            Rows(rows, 0, firstValidation), Rows(rows, firstValidation, firstTest), Rows(rows, firstTest, rows.Count),
            missingLabel, missingTime);
    }

    private static double? Cutoff(SplitSpec spec) =>
        spec.NumericCutoff ?? (spec.Cutoff is { } instant ? DataSplit.TimeOf(instant.UtcDateTime) : null);

    private static string CutoffText(SplitSpec spec) =>
        spec.Cutoff?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)
        ?? YamlValues.Format(spec.NumericCutoff ?? 0);

    private static int FirstAtOrAfter(List<(double Time, int Row)> sorted, double cutoff)
    {
        var (low, high) = (0, sorted.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle].Time < cutoff) low = middle + 1; else high = middle;
        }
        return low;
    }

    private static System.Collections.Immutable.ImmutableArray<int> Rows(List<(double Time, int Row)> sorted, int from, int to) =>
        DataSplit.Sorted(sorted.GetRange(from, to - from).ConvertAll(r => r.Row));

    private static TrainyardException Empty(SplitSpec spec, string message) => new(message, spec.Location);
}
