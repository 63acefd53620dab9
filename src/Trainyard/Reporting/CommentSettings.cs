namespace Trainyard.Reporting;

/// <summary>
/// What the pull-request comment shows. Comment builds them (the title is the pipeline's name, every section
/// shown), passes them through the build's <c>IComment.CommentSettings</c> hook, and writes with what it returns.
/// The verdict, the gates, the headline metrics, which model on which data and the link to the report are always
/// shown; the report keeps everything a comment leaves out.
/// </summary>
public sealed record CommentSettings
{
    /// <summary>The heading after the verdict's icon: <c>✅ {Title}: all 4 gates passed</c>. Default: the pipeline's name; empty falls back to it.</summary>
    public required string Title { get; init; }

    /// <summary>The drift line (the most drifted columns) and the folded per-column drift table.</summary>
    public bool ShowDrift { get; init; } = true;

    /// <summary>The folded table of every metric against the baseline.</summary>
    public bool ShowAllMetrics { get; init; } = true;

    /// <summary>The folded table of data-validation findings (or the line saying there were none).</summary>
    public bool ShowFindings { get; init; } = true;

    /// <summary>The folded table of fingerprints: the data's, the splits', the spec's and the model's hashes.</summary>
    public bool ShowFingerprints { get; init; } = true;
}
