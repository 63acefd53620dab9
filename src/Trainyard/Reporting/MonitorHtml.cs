using Trainyard.Artifacts.Monitoring;
using Trainyard.IO;

namespace Trainyard.Reporting;

/// <summary>
/// Makes monitor.html from a monitor report with the report's machinery: an embedded Scriban template
/// (Templates/monitor.html.sbn), the report's stylesheet plus the monitoring one, inline SVG charts, every value
/// HTML-encoded (<see cref="HtmlEncodingContext"/>). Written atomically.
/// </summary>
internal static class MonitorHtml
{
    public static Markup Stylesheet => new(EmbeddedTemplate.Text(ReportTemplate.ResourceName("report.css")) + "\n" + EmbeddedTemplate.Text(ReportTemplate.ResourceName("monitor.css")));

    public static string Render(MonitorReport report, DateTimeOffset now) =>
        new EmbeddedTemplate(ReportTemplate.ResourceName("monitor.html.sbn")).Render(MonitorPageBuilder.Build(report, now), new HtmlEncodingContext());

    public static Task WriteAsync(string path, MonitorReport report, DateTimeOffset now, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(path, Render(report, now), cancellationToken);
}
