using System.Globalization;
using Trainyard.Artifacts.Monitoring;
using Trainyard.Reporting.Charts;

namespace Trainyard.Reporting;

/// <summary>Builds monitor.html's view from a monitor report: verdict and gates, then per version its service, drift (over time too), scores and quality.</summary>
internal static class MonitorPageBuilder
{
    /// <summary>PSI at which a cell is fully shaded: 0.25 is the usual "major shift".</summary>
    const double FullShade = 0.25;

    public static MonitorPage Build(MonitorReport report, DateTimeOffset now)
    {
        var failed = report.Gates.Where(g => g.Outcome == "failed").ToList();
        var verdict = report.Verdict switch
        {
            "healthy" => new ReportVerdict("passed", report.Retrain ? "Healthy — retrain asked" : "Healthy", []),
            "degraded" => new ReportVerdict("failed", $"Degraded: {failed.Count} monitor gate(s) failed", [.. failed.Select(g => $"{g.Version} {g.Gate} — {g.Message}")]),
            _ => new ReportVerdict("unknown", "No data", []),
        };
        IReadOnlyList<Fact> identity =
        [
            new("Pipeline", report.Pipeline),
            new("Production", report.ProductionVersion),
            new("Window", $"{Display.Time(report.From)} – {Display.Time(report.To)}"),
            new("Predictions / requests", $"{Display.Number(report.Predictions)} / {Display.Number(report.Requests)}"),
            new("Log", report.LogSource ?? "—"),
            .. report.SkippedLines > 0 ? [new Fact("Unreadable lines skipped", Display.Number(report.SkippedLines))] : Array.Empty<Fact>(),
            .. report.Labels is { } labels ? [new Fact("Labels", $"{labels.File}: {labels.Matched} of {labels.Rows} matched by {labels.Key}")] : Array.Empty<Fact>(),
        ];
        var gates = report.Gates.Select(g => new MonitorGateRow(g.Version, g.Gate, Display.Number(g.Value), Display.Number(g.Evaluated), Display.Number(g.Threshold),
            g.Outcome, g.Message)).ToList();
        return new MonitorPage($"{report.Pipeline} · monitoring", verdict, report.Summary, report.RetrainReasons, identity, gates,
            [.. report.Versions.Select(v => Version(v, report))], Display.Time(now), MonitorHtml.Stylesheet);
    }

    static MonitorVersionView Version(VersionFigures version, MonitorReport report)
    {
        var service = version.Service;
        IReadOnlyList<Fact> facts =
        [
            new("Requests", Display.Number(service.Requests)),
            new("Predictions", Display.Number(service.Predictions)),
            new("Requests/s", Display.Number(service.RequestsPerSecond)),
            new("Latency p50 / p95 / p99 ms", $"{Display.Number(service.P50LatencyMs)} / {Display.Number(service.P95LatencyMs)} / {Display.Number(service.P99LatencyMs)}"),
            .. version.Digest is { } digest ? [new Fact("Digest", digest)] : Array.Empty<Fact>(),
        ];
        var callers = service.Callers.Select(c => new CallerRow(c.Caller, Display.Number(c.Requests), Display.Number(c.Predictions),
            Display.Number(c.P50LatencyMs), Display.Number(c.P95LatencyMs), Display.Number(c.P99LatencyMs))).ToList();
        var drift = version.Drift.Select(d => new MonitorDriftRow(d.Column, d.Method ?? "—", Display.Number(d.Score), Display.Number(d.Threshold), Display.Number(d.Psi),
            d.Verdict.Replace('_', ' '), d.Verdict == "drifted", d.Reason)).ToList();
        var quality = version.Quality.Keys.Concat(version.Estimated.Keys).Distinct(StringComparer.Ordinal)
            .Where(m => !m.StartsWith("class.", StringComparison.Ordinal))
            .Select(m => new QualityRow(m, Display.Number(version.Quality.GetValueOrDefault(m)), Display.Number(version.Estimated.GetValueOrDefault(m)),
                Display.Number(version.Evaluated.GetValueOrDefault(m)))).ToList();
        var name = version.Version == report.ProductionVersion ? $"{version.Version} (production)" : version.Version;
        return new MonitorVersionView($"version-{version.Version}", name, version.Reference, facts, callers, version.DriftSummary, drift,
            HeatTableOf(version, report), quality, MonitorCharts.For(version, report), version.Notes);
    }

    static HeatTable? HeatTableOf(VersionFigures version, MonitorReport report)
    {
        if (version.Buckets.Count == 0 || version.Drift.Count == 0) return null;
        var width = version.Buckets.Max(b => b.To - b.From);
        var daily = width > TimeSpan.FromHours(1);
        string Label(BucketFigures b) => b.From.UtcDateTime.ToString(daily ? "MM-dd" : report.To - report.From > TimeSpan.FromHours(24) ? "dd HH:mm" : "HH:mm", CultureInfo.InvariantCulture);
        var rows = version.Drift.Select(feature => new HeatRow(feature.Column, [.. version.Buckets.Select(b =>
        {
            var cell = b.Drift.FirstOrDefault(d => d.Column == feature.Column);
            var psi = cell?.Psi;
            var shade = psi is { } p ? Math.Clamp(p / FullShade, 0, 1) : 0;
            return new HeatCell(Display.Number(psi), shade.ToString("0.##", CultureInfo.InvariantCulture), cell?.Verdict == "drifted",
                $"{feature.Column} {Label(b)}: PSI {Display.Number(psi)}, {cell?.Verdict.Replace('_', ' ') ?? "no rows"} ({Display.Number(b.Predictions)} rows)");
        })])).ToList();
        return new HeatTable([.. version.Buckets.Select(Label)], rows,
            $"PSI per feature and {(width > TimeSpan.FromDays(1) ? "week (from the day shown)" : daily ? "day" : "hour")} (UTC) against the training profile; outlined: the drift check says drifted in that bucket. Buckets with no traffic are left out.");
    }
}
