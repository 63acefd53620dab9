namespace Trainyard.Reporting;

/// <summary>
/// How Report writes report.html. Report builds them (the title is the pipeline's name), passes them through the
/// build's <c>IReport.ReportSettings</c> hook, and renders with what it returns.
/// </summary>
public sealed record ReportSettings
{
    /// <summary>
    /// The page's title: above the verdict (<c>Trainyard report · {Title}</c>) and in the browser tab before the
    /// verdict. Default: the pipeline's name; empty falls back to it.
    /// </summary>
    public required string Title { get; init; }
}
