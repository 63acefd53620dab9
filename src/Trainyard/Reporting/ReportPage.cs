namespace Trainyard.Reporting;

/// <summary>What the template shows: display strings only, so formatting stays in C# and the template stays markup.</summary>
/// <param name="Title">The pipeline's name unless the build's ReportSettings hook gave another.</param>
internal sealed record ReportPage(
    string Title,
    ReportVerdict Verdict,
    IReadOnlyList<Fact> Identity,
    IReadOnlyList<string> Problems,
    ModelSection Model,
    DataSection Data,
    LineageSection Lineage,
    string GeneratedAt,
    Markup Css);

internal sealed record Fact(string Label, string Value);

/// <param name="Tone"><c>passed</c>, <c>failed</c> or <c>unknown</c>: the CSS class of the banner.</param>
internal sealed record ReportVerdict(string Tone, string Headline, IReadOnlyList<string> FailedGates);

/// <param name="Tone"><c>better</c>, <c>worse</c> or empty: the CSS class that colours the delta.</param>
internal sealed record GateRow(string Gate, string Value, string Baseline, string Delta, string Tone, string Threshold, string Verdict, bool Passed, string Message);

internal sealed record MetricRow(string Name, string DisplayName, string Value, string Baseline, string Delta, string Tone, string Note);

/// <param name="Svg">Markup from Charts/, which encodes its own text.</param>
internal sealed record ChartView(string Title, string Svg, string? Note = null)
{
    /// <summary>What the report template writes unencoded.</summary>
    public Markup Drawing => new(Svg);
}

internal sealed record ModelSection(string? Missing, string? Task, IReadOnlyList<Fact> Facts, IReadOnlyList<GateRow> Gates, string? GateBaseline,
    IReadOnlyList<MetricRow> Metrics, IReadOnlyList<ChartView> Charts);

internal sealed record ColumnView(string Name, string Type, IReadOnlyList<Fact> Facts, string? Drift, bool Drifted, ChartView? Chart);

internal sealed record DataSection(string? Missing, IReadOnlyList<Fact> Summary, IReadOnlyList<FindingRow> Findings, string? DriftReason,
    IReadOnlyList<DriftRow> Drift, IReadOnlyList<ColumnView> Columns);

internal sealed record LineageSection(string? Missing, IReadOnlyList<Fact> Parameters, IReadOnlyList<Fact> Fingerprints, IReadOnlyList<Fact> Versions);
