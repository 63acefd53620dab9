namespace Trainyard.Reporting;

/// <summary>
/// What the PR comment template shows. Every string is Markdown already (cells escaped by <see cref="Markdown"/>),
/// so the template is layout only. <see cref="Folded"/> is the folded part's summary, null when the build's
/// CommentSettings hide every folded table.
/// </summary>
internal sealed record CommentPage(
    string Title,
    IReadOnlyList<string> FailedGates,
    IReadOnlyList<CommentRow> Headline,
    string Baseline,
    string? Drift,
    string Identity,
    string Report,
    IReadOnlyList<CommentRow> AllMetrics,
    IReadOnlyList<FindingRow> Findings,
    IReadOnlyList<DriftRow> DriftColumns,
    IReadOnlyList<Fact> Lineage,
    IReadOnlyList<string> Omitted,
    IReadOnlyList<string> Problems,
    string Footer,
    bool ShowFindings = true,
    string? Folded = "All metrics, data checks, drift and fingerprints");

/// <param name="Verdict">✅ or ❌ for a gate, empty for a metric no gate checks.</param>
internal sealed record CommentRow(string Verdict, string Name, string Value, string Baseline, string Delta);
