using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;

namespace Trainyard.Monitoring.Estimation;

/// <summary>
/// The difference in quality between two versions that served side by side (a canary, an A/B hold), with a
/// percentile-bootstrap confidence interval over their labelled rows, so an A/B test ends with a verdict.
/// </summary>
internal static class BootstrapDifference
{
    public const int DefaultResamples = 1000;
    public const double DefaultConfidence = 0.95;
    public const int DefaultSeed = 17;

    /// <summary>
    /// quality(A) − quality(B) on all rows, and its interval: each resample draws A's rows and B's rows with
    /// replacement, independently (the two versions saw different traffic), and measures both. A resample where a
    /// metric is undefined (NaN: AUC of a resample with one class) is left out and counted.
    /// </summary>
    /// <param name="metricA">The metric over A's rows given their indices (repeats allowed); NaN when undefined.</param>
    /// <param name="higherIsBetter">Which way the metric is better: decides which version the verdict names.</param>
    public static Interval Of(
        Func<int[], double> metricA, int rowsA, Func<int[], double> metricB, int rowsB, bool higherIsBetter = true,
        int resamples = DefaultResamples, double confidence = DefaultConfidence, int seed = DefaultSeed)
    {
        const string metric = "metric";
        return Of(indices => new Dictionary<string, double> { [metric] = metricA(indices) }, rowsA,
            indices => new Dictionary<string, double> { [metric] = metricB(indices) }, rowsB,
            [(metric, higherIsBetter)], resamples, confidence, seed)[metric];
    }

    /// <summary>
    /// As <see cref="Of(Func{int[], double}, int, Func{int[], double}, int, bool, int, double, int)"/> for several
    /// metrics at once, each resample measured once for all (the same draws: equal seeds give equal intervals).
    /// A metric undefined on all rows of either version (NaN or missing) has a NaN difference.
    /// </summary>
    /// <param name="measureA">Every metric over A's rows given their indices; NaN or missing where undefined.</param>
    public static IReadOnlyDictionary<string, Interval> Of(
        Func<int[], IReadOnlyDictionary<string, double>> measureA, int rowsA, Func<int[], IReadOnlyDictionary<string, double>> measureB, int rowsB,
        IReadOnlyList<(string Metric, bool HigherIsBetter)> metrics,
        int resamples = DefaultResamples, double confidence = DefaultConfidence, int seed = DefaultSeed)
    {
        if (rowsA == 0 || rowsB == 0) throw new ArgumentException($"Both versions need labelled rows (A has {rowsA}, B has {rowsB}).");
        if (confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence level is between 0 and 1.");
        static double Value(IReadOnlyDictionary<string, double> measured, string metric) => measured.TryGetValue(metric, out var v) ? v : double.NaN;
        var (allA, allB) = (measureA(Enumerable.Range(0, rowsA).ToArray()), measureB(Enumerable.Range(0, rowsB).ToArray()));
        var differences = metrics.Select(_ => new List<double>(resamples)).ToArray();

        var random = new Random(seed);
        var (a, b) = (new int[rowsA], new int[rowsB]);
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < rowsA; i++) a[i] = random.Next(rowsA);
            for (var i = 0; i < rowsB; i++) b[i] = random.Next(rowsB);
            var (measuredA, measuredB) = (measureA(a), measureB(b));
            for (var m = 0; m < metrics.Count; m++)
                if (Value(measuredA, metrics[m].Metric) - Value(measuredB, metrics[m].Metric) is var d && !double.IsNaN(d)) differences[m].Add(d);
        }

        var tail = (1 - confidence) / 2;
        var intervals = new Dictionary<string, Interval>(StringComparer.Ordinal);
        for (var m = 0; m < metrics.Count; m++)
        {
            var (metric, higherIsBetter) = metrics[m];
            var difference = Value(allA, metric) - Value(allB, metric);
            var sorted = differences[m];
            sorted.Sort();
            double lower = Quantiles.Of(sorted, tail) ?? double.NaN, upper = Quantiles.Of(sorted, 1 - tail) ?? double.NaN;
            var verdict = lower > 0 ? (higherIsBetter ? Interval.ABetter : Interval.BBetter)
                : upper < 0 ? (higherIsBetter ? Interval.BBetter : Interval.ABetter)
                : Interval.NoDifference;
            intervals[metric] = new Interval(difference, lower, upper, confidence, resamples, resamples - sorted.Count, seed, verdict);
        }
        return intervals;
    }

    /// <summary>
    /// A binary metric of the catalogue (<c>auc</c>, <c>f1</c>, <c>log_loss</c>, …) as Evaluate measures it, for both
    /// versions' labelled rows at their decision thresholds; the catalogue gives its direction.
    /// </summary>
    public static Interval Binary(
        string metric, (int[] Labels, double[] Scores, double Threshold) a, (int[] Labels, double[] Scores, double Threshold) b,
        int resamples = DefaultResamples, double confidence = DefaultConfidence, int seed = DefaultSeed)
    {
        var info = MetricCatalog.Find(metric) ?? throw new ArgumentException($"'{metric}' is not a metric Evaluate knows.", nameof(metric));
        return Of(Measure(metric, a), a.Labels.Length, Measure(metric, b), b.Labels.Length,
            info.Direction != MetricDirection.LowerIsBetter, resamples, confidence, seed);
    }

    static Func<int[], double> Measure(string metric, (int[] Labels, double[] Scores, double Threshold) rows) => indices =>
    {
        var measured = BinaryMeasure.Compute([.. indices.Select(i => rows.Labels[i])], [.. indices.Select(i => rows.Scores[i])], rows.Threshold);
        return measured.Scalars().Values.TryGetValue(metric, out var value) && value is { } v ? v : double.NaN;
    };
}

/// <summary>
/// quality(A) − quality(B) on all labelled rows, the percentile-bootstrap interval around it, and the verdict:
/// "A better" or "B better" when the interval excludes zero, else "no difference".
/// </summary>
internal sealed record Interval(
    double Difference, double Lower, double Upper, double Confidence, int Resamples, int UndefinedResamples, int Seed, string Verdict)
{
    public const string ABetter = "A better";
    public const string BBetter = "B better";
    public const string NoDifference = "no difference";
}
