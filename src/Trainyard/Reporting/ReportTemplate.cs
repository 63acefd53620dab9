using Trainyard.IO;

namespace Trainyard.Reporting;

/// <summary>
/// Renders a <see cref="ReportPage"/> with the embedded Scriban template (Reporting/Templates/report.html.sbn) and
/// stylesheet. Values are written through <see cref="HtmlEncodingContext"/>: every one is HTML-encoded unless it is
/// <see cref="Markup"/> (the stylesheet and the charts' SVG, which encodes its own text).
/// </summary>
internal sealed class ReportTemplate
{
    readonly EmbeddedTemplate _template = new(ResourceName("report.html.sbn"));

    public static Markup Stylesheet => new(EmbeddedTemplate.Text(ResourceName("report.css")));

    public string Render(ReportPage page) => _template.Render(page, new HtmlEncodingContext());

    /// <summary>The logical name of a file in Reporting/Templates (Trainyard.csproj).</summary>
    public static string ResourceName(string file) => $"Trainyard.Reporting.Templates.{file}";
}
