using Trainyard.Artifacts.Metrics;

namespace Trainyard.Evaluation;

/// <summary>A slice column's value for every row of the evaluated set; null or empty is the value "(missing)".</summary>
internal sealed record SliceColumn(string Name, IReadOnlyList<string?> Values);

/// <summary>The same metrics per value of each slice column, and the gaps between groups (a bias check).</summary>
internal static class SliceMetrics
{
    public const string Missing = "(missing)";

    /// <param name="measure">Computes the metrics of the rows with the given indices.</param>
    /// <param name="rows">How many rows every column must have a value for.</param>
    public static IReadOnlyList<SliceReport> Compute(IReadOnlyList<SliceColumn> columns, int rows, int minRows, Func<int[], MetricSet> measure)
    {
        foreach (var column in columns)
            if (column.Values.Count != rows)
                throw new ArgumentException($"Slice column '{column.Name}' has {column.Values.Count} values for {rows} rows.");
        return columns.Select(column => Compute(column, minRows, measure)).ToArray();
    }

    public static IReadOnlyList<SliceReport> ForBinary(IReadOnlyList<SliceColumn> columns, int minRows, IReadOnlyList<int> labels, IReadOnlyList<double> probabilities, double threshold) =>
        Compute(columns, labels.Count, minRows, rows => BinaryMeasure.Compute(Pick(labels, rows), Pick(probabilities, rows), threshold).Scalars());

    public static IReadOnlyList<SliceReport> ForMulticlass(IReadOnlyList<SliceColumn> columns, int minRows, IReadOnlyList<int> labels, IReadOnlyList<double[]> probabilities, IReadOnlyList<string> classNames) =>
        Compute(columns, labels.Count, minRows, rows => MulticlassMeasure.Compute(Pick(labels, rows), Pick(probabilities, rows), classNames).Scalars());

    public static IReadOnlyList<SliceReport> ForRegression(IReadOnlyList<SliceColumn> columns, int minRows, IReadOnlyList<double> labels, IReadOnlyList<double> predictions) =>
        Compute(columns, labels.Count, minRows, rows => RegressionMeasure.Compute(Pick(labels, rows), Pick(predictions, rows)).Scalars());

    private static SliceReport Compute(SliceColumn column, int minRows, Func<int[], MetricSet> measure)
    {
        var groups = column.Values
            .Select((value, row) => (Value: string.IsNullOrEmpty(value) ? Missing : value, row))
            .GroupBy(x => x.Value, StringComparer.Ordinal)
            .OrderBy(g => g.Key == Missing).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var rows = g.Select(x => x.row).ToArray();
                var metrics = measure(rows);
                return new SliceGroup(g.Key, rows.Length, rows.Length >= minRows, metrics.Values, metrics.Undefined);
            })
            .ToArray();

        var gaps = groups.SelectMany(g => g.Metrics.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(metric => Gap(metric, groups, minRows)).ToArray();
        return new SliceReport(column.Name, minRows, groups, gaps);
    }

    private static SliceGap Gap(string metric, IReadOnlyList<SliceGroup> groups, int minRows)
    {
        var measured = groups.Where(g => g.Eligible && g.Metrics.GetValueOrDefault(metric) is not null)
            .Select(g => (g.Value, Metric: g.Metrics[metric]!.Value)).ToArray();
        if (measured.Length < 2)
            return new SliceGap(metric, null, null, null,
                $"{measured.Length} group(s) with at least {minRows} rows and a defined {metric}; a gap needs two");
        // The first of equal values wins, in the groups' (ordinal) order, so the named groups are deterministic.
        var highest = measured.Aggregate((a, b) => b.Metric > a.Metric ? b : a);
        var lowest = measured.Aggregate((a, b) => b.Metric < a.Metric ? b : a);
        return new SliceGap(metric, highest.Metric - lowest.Metric, highest.Value, lowest.Value);
    }

    private static T[] Pick<T>(IReadOnlyList<T> values, int[] rows) => Array.ConvertAll(rows, r => values[r]);
}
