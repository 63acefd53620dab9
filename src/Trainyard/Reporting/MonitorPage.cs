namespace Trainyard.Reporting;

/// <summary>What monitor.html shows (from monitor.json): display strings only, as <see cref="ReportPage"/>.</summary>
internal sealed record MonitorPage(string Title, ReportVerdict Verdict, string Summary, IReadOnlyList<string> RetrainReasons, IReadOnlyList<Fact> Identity,
    IReadOnlyList<MonitorGateRow> Gates, IReadOnlyList<MonitorVersionView> Versions, string GeneratedAt, Markup Css);

internal sealed record MonitorGateRow(string Version, string Gate, string Value, string Evaluated, string Threshold, string Outcome, string Message);

/// <param name="Id">The version's anchor (<c>version-v3</c>).</param>
internal sealed record MonitorVersionView(string Id, string Name, string Reference, IReadOnlyList<Fact> Service, IReadOnlyList<CallerRow> Callers,
    string DriftSummary, IReadOnlyList<MonitorDriftRow> Drift, HeatTable? DriftOverTime, IReadOnlyList<QualityRow> Quality,
    IReadOnlyList<ChartView> Charts, IReadOnlyList<string> Notes);

internal sealed record CallerRow(string Caller, string Requests, string Predictions, string P50, string P95, string P99);

internal sealed record MonitorDriftRow(string Column, string Method, string Score, string Threshold, string Psi, string Verdict, bool Drifted, string Reason);

/// <param name="Estimated">Estimated from the live probabilities (CBPE), "—" when not estimated.</param>
internal sealed record QualityRow(string Metric, string Live, string Estimated, string Evaluated);

/// <summary>Features down, time buckets across: each cell a bucket's PSI, shaded by it and marked when the drift check said drifted.</summary>
internal sealed record HeatTable(IReadOnlyList<string> Buckets, IReadOnlyList<HeatRow> Rows, string Note);

internal sealed record HeatRow(string Column, IReadOnlyList<HeatCell> Cells);

/// <param name="Shade">0 to 1, the CSS variable the cell's colour is mixed by.</param>
internal sealed record HeatCell(string Text, string Shade, bool Drifted, string Tooltip);
