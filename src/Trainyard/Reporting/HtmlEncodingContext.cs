using Scriban;
using Scriban.Parsing;
using Trainyard.Reporting.Charts;

namespace Trainyard.Reporting;

/// <summary>Markup Trainyard wrote itself (a chart's SVG, which encodes its own text; the stylesheet): the only value
/// the report template writes as it is.</summary>
internal sealed record Markup(string Html);

/// <summary>
/// Scriban writes values as they are; the report's values come from data (column names, categories, gate messages),
/// so this context HTML-encodes every value a template writes unless it is <see cref="Markup"/>. The template's own
/// text is written as it is. Encoding is the default, so a value added to the template later is encoded too.
/// </summary>
internal sealed class HtmlEncodingContext : TemplateContext
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => this,
        Markup markup => Write(markup.Html),
        _ => Write(SvgCanvas.Encode(ObjectToString(textAsObject) ?? "")),
    };
}
