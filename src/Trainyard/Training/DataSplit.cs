using System.Collections.Immutable;
using Trainyard.Pipelines;

namespace Trainyard.Training;

/// <summary>
/// Splits a data set's rows into training, validation and test rows as the spec's <c>split</c> section says:
/// a seeded random split (stratified by class for classification) or a split by time.
/// </summary>
internal static class DataSplit
{
    /// <summary>The label code of a row without a label (the categorical column's missing code too).</summary>
    public const int MissingLabel = -1;

    /// <param name="labels">Per row: the class code (≥ 0) for classification, used to stratify; any value ≥ 0 for
    /// regression; <see cref="MissingLabel"/> for a row without a label. Its length is the row count.</param>
    /// <param name="times">Time split: per row, the time as a number (<see cref="TimeOf"/> for date-times, the value
    /// itself for a numeric column); NaN where missing. Not used by a random split.</param>
    /// <param name="classNames">Class names by code, for messages; codes are shown when absent.</param>
    /// <exception cref="TrainyardException">A part would be empty, or a class has too few rows to reach every part.</exception>
    public static DataSplitResult Split(SplitSpec spec, PipelineTask task, int[] labels, double[]? times = null, IReadOnlyList<string>? classNames = null)
    {
        if (spec.Method == SplitMethod.Time)
            return DataSplitByTime.Split(spec, labels, times ?? throw new ArgumentException("a time split needs the time values", nameof(times)));
        return Random(spec, task, labels, classNames);
    }

    /// <summary>A date-time as seconds since 1970-01-01 UTC: the number a time split compares (with the cutoff converted the same way).</summary>
    public static double TimeOf(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;

    // Each group (a class, or every labelled row for regression) is shuffled and cut on its own, so every
    // class keeps its share in every part. One generator runs through the groups in class-code order.
    private static DataSplitResult Random(SplitSpec spec, PipelineTask task, int[] labels, IReadOnlyList<string>? classNames)
    {
        var stratified = task != PipelineTask.Regression;
        var groups = new SortedDictionary<int, List<int>>();
        var missing = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            if (labels[row] < 0) { missing++; continue; }
            var key = stratified ? labels[row] : 0;
            if (!groups.TryGetValue(key, out var rows)) groups[key] = rows = [];
            rows.Add(row);
        }

        var random = new DataSplitRandom(spec.Seed);
        var (train, validation, test) = (new List<int>(), new List<int>(), new List<int>());
        foreach (var (label, rows) in groups)
        {
            var counts = DataSplitShares.Counts(rows.Count, spec);
            if (counts.Train == 0 || counts.Validation == 0 || counts.Test == 0)
                throw TooFew(spec, stratified ? $"class '{Name(label, classNames)}' has" : "the data set has", rows.Count);
            var shuffled = rows.ToArray();
            random.Shuffle(shuffled);
            test.AddRange(shuffled.AsSpan(0, counts.Test));
            validation.AddRange(shuffled.AsSpan(counts.Test, counts.Validation));
            train.AddRange(shuffled.AsSpan(counts.Test + counts.Validation));
        }
        if (groups.Count == 0)
            throw TooFew(spec, "the data set has", 0);
        return new DataSplitResult(Sorted(train), Sorted(validation), Sorted(test), missing, 0);
    }

    private static TrainyardException TooFew(SplitSpec spec, string subject, int rows) => new(
        $"{subject} {rows} labelled row{(rows == 1 ? "" : "s")}, too few to split: with test_share {YamlValues.Format(spec.TestShare)} "
        + $"and validation_share {YamlValues.Format(spec.ValidationShare)} it needs at least {DataSplitShares.MinimumRows(spec)} "
        + "to put a row into each of training, validation and test (shares are rounded to the nearest row)",
        spec.Location);

    private static string Name(int code, IReadOnlyList<string>? names) =>
        names is not null && code < names.Count ? names[code] : code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static ImmutableArray<int> Sorted(List<int> rows)
    {
        rows.Sort();
        return [.. rows];
    }
}

/// <summary>
/// The rows of each part of a split, as row indices into the data set in ascending order. Rows left out
/// (no label, or no time for a time split) are in none of the three and are counted instead.
/// </summary>
/// <param name="Train">Rows the model is fitted on.</param>
/// <param name="Validation">Rows for early stopping and choosing the decision threshold.</param>
/// <param name="Test">Rows held out for Evaluate.</param>
/// <param name="MissingLabelRows">Rows without a label, left out.</param>
/// <param name="MissingTimeRows">Time split: labelled rows without a time value, left out (0 for a random split).</param>
internal sealed record DataSplitResult(
    ImmutableArray<int> Train,
    ImmutableArray<int> Validation,
    ImmutableArray<int> Test,
    int MissingLabelRows,
    int MissingTimeRows);
