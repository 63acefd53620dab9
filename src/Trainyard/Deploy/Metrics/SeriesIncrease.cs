using System.Globalization;

namespace Trainyard.Deploy.Metrics;

/// <summary>
/// The window's increments of counter series between two scrapes, as Prometheus' <c>increase</c> treats a reset: a
/// value lower than at the start means the process restarted and counted from 0, so the whole end value is the
/// increment. A series absent at the start was created in the window (its counter started at 0). Histogram buckets
/// reset together: when any bucket of one histogram series went down, all of its buckets count from 0.
/// </summary>
internal static class SeriesIncrease
{
    /// <summary>Each matching series' increment, paired with the series' labels.</summary>
    public static IEnumerable<(MetricSample Series, double Increase)> Of(Scrape begin, Scrape end, string name, Func<MetricSample, bool> match)
    {
        var before = begin.Named(name).Where(match).ToDictionary(Key);
        foreach (var series in end.Named(name).Where(match))
        {
            var start = before.TryGetValue(Key(series), out var earlier) ? earlier.Value : 0;
            yield return (series, series.Value >= start ? series.Value - start : series.Value);
        }
    }

    /// <summary>
    /// The increments of a histogram's <c>_bucket</c> series, summed by <c>le</c> over the matching series, as per-bucket
    /// (not cumulative) counts in the order of their bounds, +Inf last: what <c>sum by (le) (increase(...))</c> gives.
    /// </summary>
    public static (IReadOnlyList<double> Bounds, IReadOnlyList<long> Counts) Buckets(Scrape begin, Scrape end, string bucketName, Func<MetricSample, bool> match)
    {
        var before = begin.Named(bucketName).Where(match).ToDictionary(Key);
        var cumulative = new SortedDictionary<double, double>();
        foreach (var histogram in end.Named(bucketName).Where(match).GroupBy(s => Key(s, except: "le")))
        {
            var buckets = histogram.ToList();
            var reset = buckets.Any(b => before.TryGetValue(Key(b), out var earlier) && b.Value < earlier.Value);
            foreach (var bucket in buckets)
            {
                var start = !reset && before.TryGetValue(Key(bucket), out var earlier) ? earlier.Value : 0;
                var bound = Bound(bucket, end.Source);
                cumulative[bound] = cumulative.GetValueOrDefault(bound) + bucket.Value - start;
            }
        }
        return PerBucket(cumulative);
    }

    /// <summary>Cumulative counts by bound (Prometheus' <c>le</c> buckets) → counts per bucket, rounded, never negative.</summary>
    public static (IReadOnlyList<double> Bounds, IReadOnlyList<long> Counts) PerBucket(SortedDictionary<double, double> cumulative)
    {
        var bounds = cumulative.Keys.ToList();
        var counts = new List<long>(bounds.Count);
        double below = 0;
        foreach (var (_, count) in cumulative)
        {
            // Prometheus' increase extrapolates each series on its own, so a sum can dip below the bucket under it.
            counts.Add(Math.Max(0, (long)Math.Round(count - below)));
            below = Math.Max(below, count);
        }
        return (bounds, counts);
    }

    public static double Bound(MetricSample bucket, Uri source) =>
        bucket.Label("le") is { } le && ExpositionText.TryParseValue(le, out var bound) && !double.IsNaN(bound)
            ? bound
            : throw new TrainyardException($"{source}: {bucket.Name} has a bucket without a numeric le label ({Key(bucket)})");

    static string Key(MetricSample sample) => Key(sample, except: null);

    static string Key(MetricSample sample, string? except) =>
        string.Join(",", sample.Labels.Where(l => l.Key != except).OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Key}={l.Value.Length}:{l.Value}")));
}
