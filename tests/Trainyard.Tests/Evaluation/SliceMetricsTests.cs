using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;

namespace Trainyard.Tests.Evaluation;

public sealed class SliceMetricsTests
{
    private static SliceReport Segments(int minRows = 4) => SliceMetrics.ForBinary(
        [new SliceColumn("segment", Fixtures.BinarySegments)], minRows, Fixtures.BinaryLabels, Fixtures.BinaryProbabilities, 0.5).Single();

    private static SliceGroup Group(SliceReport report, string value) => report.Groups.Single(g => g.Value == value);

    [Fact]
    public void EachGroupHasTheMetricsScikitLearnGivesOnItsRows()
    {
        var report = Segments();

        // s = g == v; metrics.roc_auc_score(y[s], p[s]); metrics.accuracy_score(y[s], (p[s] >= 0.5).astype(int))
        Assert.Equal(0.7, Group(report, "a").Metrics["auc"]!.Value, 12);
        Assert.Equal(0.5, Group(report, "a").Metrics["accuracy"]!.Value, 12);
        Assert.Equal(0.08333333333333333, Group(report, "b").Metrics["auc"]!.Value, 12);
        Assert.Equal(1.0995977123354208, Group(report, "b").Metrics["log_loss"]!.Value, 12);  // metrics.log_loss(y[s], p[s], labels=[0, 1])
        Assert.Equal([("a", 10), ("b", 5), ("c", 4), ("(missing)", 1)], report.Groups.Select(g => (g.Value, g.Rows)));
    }

    [Fact]
    public void SingleClassGroupReportsAucAsUndefinedAndIsLeftOutOfTheAucGap()
    {
        var report = Segments();

        var c = Group(report, "c");
        Assert.Null(c.Metrics["auc"]);
        Assert.Equal("no positive labels (only class 0)", c.Undefined["auc"]);
        var gap = report.Gaps.Single(g => g.Metric == "auc");
        Assert.Equal(0.7 - 0.08333333333333333, gap.Gap!.Value, 12);
        Assert.Equal(("a", "b"), (gap.HighestGroup, gap.LowestGroup));
    }

    [Fact]
    public void SmallGroupsAreReportedButNotCountedInTheGap()
    {
        var report = Segments(minRows: 5);

        Assert.False(Group(report, "c").Eligible);
        Assert.False(Group(report, "(missing)").Eligible);
        // accuracy: a 0.5, b 0.4 (c, 1.0, too small to count)
        var gap = report.Gaps.Single(g => g.Metric == "accuracy");
        Assert.Equal(0.1, gap.Gap!.Value, 12);
        Assert.Equal(1.0, Group(report, "c").Metrics["accuracy"]!.Value, 12);
    }

    [Fact]
    public void GapNeedsTwoEligibleGroupsAndSaysSo()
    {
        var report = Segments(minRows: 6);

        var gap = report.Gaps.Single(g => g.Metric == "auc");
        Assert.Null(gap.Gap);
        Assert.Equal("1 group(s) with at least 6 rows and a defined auc; a gap needs two", gap.Reason);
    }

    [Fact]
    public void MissingSliceValueIsItsOwnGroupWithUndefinedMetrics()
    {
        var missing = Group(Segments(), "(missing)");

        Assert.Equal(1, missing.Rows);
        Assert.Null(missing.Metrics["accuracy"]);
        Assert.Equal("no rows with a prediction", missing.Undefined["accuracy"]);
    }
}
