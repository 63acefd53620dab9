using System.Reflection;
using HandlebarsDotNet;

namespace Trainyard.Reporting;

/// <summary>
/// Renders a <see cref="ReportPage"/> with the embedded Handlebars template and stylesheet. Each instance has its own
/// Handlebars environment, so nothing is shared between builds; <c>{{value}}</c> HTML-encodes, and only the
/// stylesheet and the SVG (which encodes its own text) use the raw <c>{{{…}}}</c>.
/// </summary>
internal sealed class ReportTemplate
{
    readonly HandlebarsTemplate<object, object> _template;

    public ReportTemplate()
    {
        var handlebars = Handlebars.Create();
        _template = handlebars.Compile(Resource("report.hbs"));
    }

    public static string Stylesheet => Resource("report.css");

    public string Render(ReportPage page) => _template(page);

    /// <summary>An embedded template or stylesheet from Reporting/Templates.</summary>
    public static string Resource(string name)
    {
        var assembly = typeof(ReportTemplate).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Trainyard.Reporting.Templates.{name}")
            ?? throw new InvalidOperationException($"the template {name} is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
