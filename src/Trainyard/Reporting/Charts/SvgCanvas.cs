using System.Globalization;
using System.Net;
using System.Text;

namespace Trainyard.Reporting.Charts;

/// <summary>
/// Builds one inline SVG element. Every text that reaches the markup is HTML-encoded here, because chart labels
/// come from data (category names, feature names) and the SVG is inserted into the page unescaped.
/// </summary>
internal sealed class SvgCanvas(int width, int height, string title)
{
    readonly StringBuilder _body = new();

    public int Width => width;
    public int Height => height;

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public void Line(double x1, double y1, double x2, double y2, string cssClass) =>
        _body.Append($"<line x1=\"{Number(x1)}\" y1=\"{Number(y1)}\" x2=\"{Number(x2)}\" y2=\"{Number(y2)}\" class=\"{cssClass}\"/>");

    public void Rect(double x, double y, double w, double h, string cssClass, string? tooltip = null, double? opacity = null)
    {
        _body.Append($"<rect x=\"{Number(x)}\" y=\"{Number(y)}\" width=\"{Number(Math.Max(w, 0))}\" height=\"{Number(Math.Max(h, 0))}\" class=\"{cssClass}\"");
        if (opacity is { } o) _body.Append($" fill-opacity=\"{o.ToString("0.###", CultureInfo.InvariantCulture)}\"");
        _body.Append(tooltip is null ? "/>" : $"><title>{Encode(tooltip)}</title></rect>");
    }

    public void Circle(double x, double y, double r, string cssClass) =>
        _body.Append($"<circle cx=\"{Number(x)}\" cy=\"{Number(y)}\" r=\"{Number(r)}\" class=\"{cssClass}\"/>");

    public void Polyline(IEnumerable<(double X, double Y)> points, string cssClass) =>
        _body.Append($"<polyline class=\"{cssClass}\" points=\"{string.Join(' ', points.Select(p => $"{Number(p.X)},{Number(p.Y)}"))}\"/>");

    /// <param name="anchor"><c>start</c>, <c>middle</c> or <c>end</c>.</param>
    public void Text(double x, double y, string text, string anchor = "start", string cssClass = "label", bool vertical = false)
    {
        var rotate = vertical ? $" transform=\"rotate(-90 {Number(x)} {Number(y)})\"" : "";
        _body.Append($"<text x=\"{Number(x)}\" y=\"{Number(y)}\" text-anchor=\"{anchor}\" class=\"{cssClass}\"{rotate}>{Encode(text)}</text>");
    }

    public override string ToString() =>
        $"<svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Encode(title)}\"><title>{Encode(title)}</title>{_body}</svg>";
}
