using System.Globalization;
using Trainyard.Artifacts.Monitoring;
using Trainyard.Reporting.Charts;

namespace Trainyard.Reporting;

/// <summary>A version's monitoring charts: live scores against the test predictions, score PSI over time, quality over time.</summary>
internal static class MonitorCharts
{
    public static IReadOnlyList<ChartView> For(VersionFigures version, MonitorReport report)
    {
        var charts = new List<ChartView>();
        if (version.Predictions is { Bounds.Count: > 0 } scores && scores.LiveShares.Count == scores.ReferenceShares.Count)
        {
            var rows = scores.ReferenceShares.Select((reference, i) => new BarRow(BucketLabel(scores.Bounds, i), [reference * 100, scores.LiveShares[i] * 100])).ToList();
            var title = $"{version.Version}: live scores against the test predictions";
            charts.Add(new ChartView(title, new BarChart(title, ["training (test split) %", "live %"], rows).ToSvg(),
                $"share of scores per decile of the test scores; PSI {Display.Number(scores.Psi)}, Jensen–Shannon {Display.Number(scores.JensenShannon)}"));
        }
        var buckets = version.Buckets;
        if (buckets.Count > 1)
        {
            var (unit, divisor) = report.To - report.From > TimeSpan.FromHours(48) ? ("days", 24.0) : ("hours", 1.0);
            double X(BucketFigures b) => (b.From - report.From).TotalHours / divisor;
            var xLabel = $"{unit} since {Display.Time(report.From)}";
            var psi = buckets.Where(b => b.ScorePsi is not null).Select(b => (X(b), b.ScorePsi!.Value)).ToList();
            if (psi.Count > 1)
            {
                var title = $"{version.Version}: score PSI over time";
                charts.Add(new ChartView(title, new LineChart(title, xLabel, "PSI", [new ChartSeries("score PSI", psi)], Markers: true).ToSvg()));
            }
            var measured = buckets.SelectMany(b => b.Quality.Keys).ToHashSet(StringComparer.Ordinal);
            var metrics = Headline.Where(measured.Contains).Take(3).ToList();
            var series = metrics.Select(m => new ChartSeries(m, [.. buckets.Where(b => b.Quality.GetValueOrDefault(m) is not null).Select(b => (X(b), b.Quality[m]!.Value))]))
                .Where(s => s.Points.Count > 1).ToList();
            if (series.Count > 0)
            {
                var title = $"{version.Version}: realized quality over time";
                charts.Add(new ChartView(title, new LineChart(title, xLabel, "metric", series, Markers: true).ToSvg(),
                    $"on the labelled rows of each bucket; evaluated: {string.Join(", ", metrics.Select(m => $"{m} {Display.Number(version.Evaluated.GetValueOrDefault(m))}"))}"));
            }
        }
        return charts;
    }

    /// <summary>The metrics a quality-over-time chart draws, the first three the buckets have.</summary>
    static readonly string[] Headline = ["auc", "accuracy", "f1", "macro_f1", "rmse", "mae", "r2"];

    /// <summary>Decile bucket i of the test scores: (b[i-1], b[i]], the last open above.</summary>
    static string BucketLabel(IReadOnlyList<double> bounds, int i) => i == 0 ? $"≤ {Short(bounds[0])}"
        : i >= bounds.Count ? $"> {Short(bounds[^1])}" : $"{Short(bounds[i - 1])} – {Short(bounds[i])}";

    static string Short(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
