using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;

namespace Trainyard.Tests.Evaluation;

public sealed class MetricLookupTests
{
    [Fact]
    public void EveryScalarOfABinaryReportHasAFlatName()
    {
        var names = MetricLookup.From(Reports.Candidate());

        Assert.Equal(0.6818181818181818, names["auc"].Value!.Value, 12);
        Assert.Equal(0.7, names["slice.segment.a.auc"].Value!.Value, 12);
        Assert.Equal(0.6166666666666666, names["slice_gap.segment.auc"].Value!.Value, 12);
        Assert.Equal(names["slice_gap.segment.auc"].Value, names["slice_gap.auc"].Value);
        Assert.Equal((19.0, 1.0), (names["rows"].Value, names["missing_predictions"].Value));
        Assert.Equal((1.5, 7.25, 9.0, 250_000.0),
            (names["p50_latency_ms"].Value, names["p95_latency_ms"].Value, names["p99_latency_ms"].Value, names["throughput_rows_per_s"].Value));
        Assert.Equal(0.1, names["permutation_importance.Income"].Value);
        Assert.Equal("no rows with a prediction", names["slice.segment.(missing).auc"].UndefinedReason);
    }

    [Fact]
    public void MulticlassReportNamesEachClassMetric()
    {
        var names = MetricLookup.From(Reports.Multiclass());

        Assert.Equal(0.3333333333333333, names["class.Chinstrap.recall"].Value!.Value, 12);
        Assert.Contains("macro_f1", names.Keys);
        Assert.DoesNotContain("auc", names.Keys);
    }

    [Theory]
    [InlineData("auc", "ROC AUC", "HigherIsBetter")]
    [InlineData("rmse", "RMSE", "LowerIsBetter")]
    [InlineData("p99_latency_ms", "Single-row latency p99 (ms)", "LowerIsBetter")]
    [InlineData("class.Adelie.recall", "Recall of class Adelie", "HigherIsBetter")]
    [InlineData("class.F.f1", "F1 of class F", "HigherIsBetter")]
    [InlineData("class.L.precision", "Precision of class L", "HigherIsBetter")]
    [InlineData("slice.region.north.east.log_loss", "Log loss (slice.region.north.east.log_loss)", "LowerIsBetter")]
    [InlineData("slice_gap.auc", "Largest slice gap in ROC AUC", "LowerIsBetter")]
    [InlineData("slice_gap.segment.r2", "Largest slice gap in R²", "LowerIsBetter")]
    [InlineData("base_rate", "Positive label rate", "Neutral")]
    public void CatalogueKnowsEachMetricDisplayNameAndDirection(string name, string display, string direction)
    {
        var info = MetricCatalog.Find(name)!;

        Assert.Equal((display, direction), (info.DisplayName, info.Direction.ToString()));
    }

    [Theory]
    [InlineData("acu")]
    [InlineData("class.Adelie.support")]
    [InlineData("slice.region.north")]
    public void CatalogueDoesNotGuessUnknownNames(string name) => Assert.Null(MetricCatalog.Find(name));
}
