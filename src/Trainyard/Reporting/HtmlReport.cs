using Trainyard.IO;

namespace Trainyard.Reporting;

/// <summary>Makes report.html: reads the artifacts, builds the page, and writes it atomically.</summary>
internal static class HtmlReport
{
    public static ReportPage Page(ReportInputs inputs, DateTimeOffset now, ReportSettings? settings = null) => new(
        settings?.Title is { Length: > 0 } title ? title : inputs.Pipeline,
        VerdictBuilder.Verdict(inputs),
        VerdictBuilder.Identity(inputs),
        [.. inputs.Problems.Values],
        ModelSectionBuilder.Build(inputs),
        DataSectionBuilder.Build(inputs),
        LineageSectionBuilder.Build(inputs),
        Display.Time(now),
        ReportTemplate.Stylesheet);

    public static string Render(ReportInputs inputs, DateTimeOffset now, ReportSettings? settings = null) =>
        new ReportTemplate().Render(Page(inputs, now, settings));

    /// <returns>The page, for the caller to summarise (its verdict).</returns>
    public static async Task<ReportPage> WriteAsync(string path, ReportInputs inputs, DateTimeOffset now, ReportSettings settings, CancellationToken cancellationToken)
    {
        var page = Page(inputs, now, settings);
        await AtomicFile.WriteAllTextAsync(path, new ReportTemplate().Render(page), cancellationToken);
        return page;
    }
}
