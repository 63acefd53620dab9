using System.Text.Json;
using Microsoft.Playwright;

namespace Trainyard.Tests.Reporting;

/// <summary>
/// One chart (an inline <c>&lt;svg aria-label&gt;</c>, as <see cref="ReportHtml.AssertChartsDrawn"/> finds them) as
/// the browser laid it out: its box on the page, how many shapes it holds, and how many of those have a size.
/// </summary>
internal sealed record RenderedChart(string Title, bool Visible, double Left, double Right, double Width, double Height, int Shapes, int DrawnShapes,
    IReadOnlyList<string> CutOffTexts)
{
    // Measured in the page in one call. getBBox is a shape's drawn geometry, so a zero-size bar or an empty
    // polyline does not count as drawn; a text's client rectangle includes its rotation, for the axis titles.
    const string Measure = """
        () => [...document.querySelectorAll('svg[aria-label]')].map(svg => {
          const box = svg.getBoundingClientRect(), style = getComputedStyle(svg);
          const shapes = [...svg.querySelectorAll('path, rect, circle, line, polyline, polygon')];
          return {
            title: svg.getAttribute('aria-label'),
            visible: style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0,
            left: box.left, right: box.right, width: box.width, height: box.height,
            shapes: shapes.length,
            drawnShapes: shapes.filter(s => { const b = s.getBBox(); return b.width > 0 || b.height > 0; }).length,
            cutOffTexts: [...svg.querySelectorAll('text')].filter(t => {
              const b = t.getBoundingClientRect();
              return b.left < box.left - 1 || b.right > box.right + 1 || b.top < box.top - 1 || b.bottom > box.bottom + 1;
            }).map(t => t.textContent),
          };
        })
        """;

    // Read as JSON: Playwright's own conversion wants a parameterless constructor, which a record does not have.
    public static async Task<IReadOnlyList<RenderedChart>> AllOnAsync(IPage page) =>
        (await page.EvaluateAsync<JsonElement>(Measure)).Deserialize<RenderedChart[]>(JsonSerializerOptions.Web)!;

    /// <summary>
    /// Every chart the HTML holds is in the page, visible, sized, drawn, within <paramref name="pageWidth"/>, and
    /// shows its labels whole; the failure lists every chart at fault, not just the first.
    /// </summary>
    public static void AssertEveryChartDrawn(IReadOnlyList<RenderedChart> charts, IReadOnlyList<string> titlesInHtml, double pageWidth, string media)
    {
        Assert.Equal(titlesInHtml, charts.Select(c => c.Title));
        var faults = charts.SelectMany(c => c.Faults(pageWidth)).ToArray();
        Assert.True(faults.Length == 0, $"{media}: {faults.Length} chart faults:\n" + string.Join("\n", faults));
    }

    IEnumerable<string> Faults(double pageWidth)
    {
        if (!Visible) yield return $"'{Title}' is not visible ({Width:0}x{Height:0} px)";
        if (DrawnShapes == 0) yield return $"'{Title}' draws nothing ({Shapes} shapes, none with a size)";
        if (Left < 0 || Right > pageWidth + 0.5) yield return $"'{Title}' spans {Left:0}–{Right:0} px, past the page's {pageWidth:0} px";
        if (CutOffTexts.Count > 0) yield return $"'{Title}' cuts off its labels: {string.Join(", ", CutOffTexts)}";
    }
}
