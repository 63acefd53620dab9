using Trainyard.Reporting;
using Trainyard.Reporting.Charts;

namespace Trainyard.Tests.Reporting;

public sealed class ChartTests
{
    [Fact]
    public void LabelsFromDataAreEncodedInsideTheSvg()
    {
        var svg = new BarChart("share by <Home>", ["share"], [new BarRow("A<b>&C", [0.4]), new BarRow("plain", [null])]).ToSvg();

        Assert.Contains("A&lt;b&gt;&amp;C", svg);
        Assert.Contains("share by &lt;Home&gt;", svg);
        Assert.DoesNotContain("A<b>", svg);
        Assert.Contains("n/a", svg);   // an undefined metric is said, not drawn as zero
    }

    [Fact]
    public void RocRunsFromTheOriginToTheTopRightWithTiedScoresAsOnePoint()
    {
        var (roc, precisionRecall) = ScoreCurves.Of([(true, 0.9), (false, 0.8), (true, 0.8), (false, 0.1)]);

        Assert.Equal([(0.0, 0.0), (0.0, 0.5), (0.5, 1.0), (1.0, 1.0)], roc);
        Assert.Equal((1.0, 0.5), precisionRecall[^1]);
    }

    [Fact]
    public void ASingleClassHasNoCurves()
    {
        var (roc, precisionRecall) = ScoreCurves.Of([(true, 0.9), (true, 0.2)]);

        Assert.Empty(roc);
        Assert.Empty(precisionRecall);
    }

    [Fact]
    public void AScatterOfManyRowsIsThinnedSoThePageStaysSmall()
    {
        var points = Enumerable.Range(0, 100_000).Select(i => ((double)i, (double)i % 7)).ToArray();

        var svg = new ScatterChart("many", "x", "y", points).ToSvg();

        Assert.InRange(svg.Split("<circle").Length - 1, 1, ScatterChart.MaxPoints);
    }

    [Fact]
    public void AConfusionMatrixShowsEveryCount()
    {
        var svg = new Heatmap("confusion", ["a", "b"], [[5, 1], [2, 7]]).ToSvg();

        foreach (var count in new[] { ">5<", ">1<", ">2<", ">7<" }) Assert.Contains(count, svg);
    }
}
