using Trainyard.Artifacts;
using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;
using Trainyard.Pipelines;
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

    [Fact]
    public void TheBinaryConfusionMatrixNamesItsClassesAsPredictionsCsvDoes()
    {
        var binary = new BinaryMetrics
        {
            Rows = 15, MissingPredictions = 0, Positives = 9, Threshold = 0.4, Confusion = new ConfusionCounts(5, 1, 2, 7),
            Lift = [], Calibration = [], Undefined = new Dictionary<string, string>(),
        };
        var metrics = new MetricsReport { Pipeline = "credit-risk", Task = PipelineTask.Binary, Binary = binary };
        var predictions = new PredictionsFile(["line", "label", "prediction", "probability_good", "probability_bad"], [["2", "bad", "good", "0.7", "0.3"]]);

        var named = TaskCharts.For(metrics, predictions).Single(c => c.Title == "Confusion matrix");
        var unnamed = TaskCharts.For(metrics, null).Single(c => c.Title == "Confusion matrix");

        Assert.Contains("<title>true bad, predicted good: 2</title>", named.Svg);   // rows true, columns predicted; bad is class 1
        Assert.Contains("class=\"tick\">good</text>", named.Svg);
        Assert.DoesNotContain("class=\"tick\">1</text>", named.Svg);
        Assert.EndsWith("bad is the positive class", named.Note);
        Assert.Contains("<title>true positive, predicted negative: 2</title>", unnamed.Svg);
    }
}
