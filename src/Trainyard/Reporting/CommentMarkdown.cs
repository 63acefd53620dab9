using Trainyard.IO;

namespace Trainyard.Reporting;

/// <summary>
/// Renders the PR comment from its own template, within GitHub's 65,536-character limit for a comment body: when
/// the folded tables would pass it, their longest is cut in half until the comment fits, and a line says what was
/// left out (the report has everything).
/// </summary>
internal sealed class CommentMarkdown
{
    /// <summary>GitHub's limit, less room for the marker line PipelineComment adds.</summary>
    public const int MaxCharacters = 65_536 - 200;

    // Markdown, not HTML: the builder escapes every cell itself (Markdown.cs), so values are written as they are.
    readonly EmbeddedTemplate _template = new(ReportTemplate.ResourceName("comment.md.sbn"));

    public string Render(CommentPage page)
    {
        var full = page;
        var text = _template.Render(page);
        while (text.Length > MaxCharacters)
        {
            page = Shorten(page, full);
            text = _template.Render(page);
        }
        return text;
    }

    static readonly string[] Tables = ["Drift", "Data findings", "Metrics", "Fingerprints"];

    static int[] Counts(CommentPage page) => [page.DriftColumns.Count, page.Findings.Count, page.AllMetrics.Count, page.Lineage.Count];

    static CommentPage Shorten(CommentPage page, CommentPage full)
    {
        var counts = Counts(page);
        var longest = Array.IndexOf(counts, counts.Max());
        if (counts[longest] == 0)
            throw new InvalidOperationException("the PR comment is over GitHub's limit with every folded table empty");
        var keep = counts[longest] / 2;
        var shortened = longest switch
        {
            0 => page with { DriftColumns = page.DriftColumns.Take(keep).ToArray() },
            1 => page with { Findings = page.Findings.Take(keep).ToArray() },
            2 => page with { AllMetrics = page.AllMetrics.Take(keep).ToArray() },
            _ => page with { Lineage = page.Lineage.Take(keep).ToArray() },
        };
        var omitted = page.Omitted.Where(o => !o.StartsWith(Tables[longest] + ":", StringComparison.Ordinal)).ToList();
        omitted.Add($"{Tables[longest]}: {keep} of {Counts(full)[longest]} rows shown to keep this comment under GitHub's size limit; the report has them all.");
        return shortened with { Omitted = omitted };
    }
}
