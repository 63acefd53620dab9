using Trainyard.Reporting;

namespace Trainyard.Tests.Reporting;

public sealed class ReportTemplateTests
{
    const string Script = "<script>alert('x')</script>";

    static ReportPage Page(string value, ChartView chart) => new(
        Title: value,
        Verdict: new ReportVerdict("failed", value, [value]),
        Identity: [new Fact(value, value)],
        Problems: [value],
        Model: new ModelSection(null, "binary", [new Fact("task", value)],
            [new GateRow(value, "0.5", "0.6", "-0.1", "worse", "0.7", "failed", false, value)], value,
            [new MetricRow(value, value, "0.5", "0.6", "-0.1", "worse", value)], [chart]),
        Data: new DataSection(null, [new Fact("rows", "3")], [new FindingRow("error", value, "allowed", value, value)], null,
            [new DriftRow(value, "psi", "0.3", "0.2", "drifted", true, value)],
            [new ColumnView(value, "category", [new Fact("top category", value)], value, true, chart)]),
        Lineage: new LineageSection(null, [new Fact(value, value)], [new Fact(value, value)], [new Fact(value, value)]),
        GeneratedAt: value,
        Css: ReportTemplate.Stylesheet);

    [Fact]
    public void EveryValueFromDataIsHtmlEncodedAndOnlyOurOwnMarkupIsWrittenAsItIs()
    {
        var chart = new ChartView(Script, "<svg aria-label=\"chart\"><rect/></svg>", Script);

        var html = new ReportTemplate().Render(Page(Script, chart));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        Assert.Equal(2, html.Split("<svg aria-label=\"chart\"><rect/></svg>").Length - 1);
        Assert.Contains(ReportTemplate.Stylesheet.Html, html);
    }

    [Fact]
    public void AnAttributeValueCannotBeClosedByData()
    {
        var html = new ReportTemplate().Render(Page("\" onmouseover=\"x", new ChartView("c", "<svg/>")));

        Assert.DoesNotContain("\" onmouseover", html);
        Assert.Contains("&quot; onmouseover=&quot;x", html);
    }
}
