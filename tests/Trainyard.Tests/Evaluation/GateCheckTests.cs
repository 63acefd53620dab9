using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;
using Trainyard.Pipelines;
using static Trainyard.Tests.Evaluation.Reports;

namespace Trainyard.Tests.Evaluation;

public sealed class GateCheckTests
{
    private static GateResult Check(GateRule rule, MetricsReport? baseline = null, NoBaselinePolicy policy = NoBaselinePolicy.Pass) =>
        GateCheck.Evaluate(new GatesSpec { WhenNoBaseline = policy, Rules = [rule] }, Candidate(), baseline, baseline is null ? null : "baseline.json")
            .Results.Single();

    [Fact]
    public void AbsoluteGateTheModelReachesPassesWithItsMargin()
    {
        var result = Check(Gate("auc", GateOperator.AtLeast, 0.6));

        Assert.Equal(GateVerdict.Passed, result.Verdict);
        Assert.Equal(0.6, result.Threshold);
        Assert.Equal("auc 0.6818 >= 0.6 (margin 0.08182)", result.Message);
    }

    [Fact]
    public void AbsoluteGateAboveTheModelFailsAndSaysByHowMuch()
    {
        var report = GateCheck.Evaluate(new GatesSpec { Rules = [Gate("auc", GateOperator.AtLeast, 0.75), Gate("p95_latency_ms", GateOperator.AtMost, 5)] }, Candidate(), null);

        Assert.False(report.Passed);
        Assert.Equal(2, report.FailedCount);
        Assert.Equal("auc 0.6818 < 0.75 (short by 0.06818)", report.Results[0].Message);
        Assert.Equal("p95_latency_ms 7.25 > 5 (over by 2.25)", report.Results[1].Message);
    }

    [Fact]
    public void StrictGateAtExactlyTheThresholdFails()
    {
        var result = Check(Gate("p95_latency_ms", GateOperator.Below, 7.25));

        Assert.Equal(GateVerdict.Failed, result.Verdict);
        Assert.Equal("p95_latency_ms 7.25 = 7.25 (must be below)", result.Message);
    }

    [Fact]
    public void GateOnAMetricNotComputedFailsAndSuggestsTheClosestNames()
    {
        var typo = Check(Gate("acu", GateOperator.AtLeast, 0.8));
        var otherTask = Check(Gate("rmse", GateOperator.AtMost, 5));

        Assert.Equal(GateVerdict.Failed, typo.Verdict);
        Assert.StartsWith("acu was not computed; closest: auc, ", typo.Message);
        Assert.Equal(GateVerdict.Failed, otherTask.Verdict);
        Assert.StartsWith("rmse was not computed for this pipeline; closest: ", otherTask.Message);
    }

    [Fact]
    public void GateOnAnUndefinedMetricFailsAndSaysWhy()
    {
        var result = Check(Gate("slice.segment.c.auc", GateOperator.AtLeast, 0.5));

        Assert.Equal(GateVerdict.Failed, result.Verdict);
        Assert.Equal("slice.segment.c.auc is undefined: no positive labels (only class 0)", result.Message);
    }

    [Fact]
    public void SliceGapGateUsesTheLargestGapBetweenEligibleGroups()
    {
        var result = Check(Gate("slice_gap.auc", GateOperator.AtMost, 0.05));

        Assert.Equal(GateVerdict.Failed, result.Verdict);
        Assert.Equal(0.7 - 0.08333333333333333, result.Value!.Value, 12);
        Assert.Equal("slice_gap.auc 0.6167 > 0.05 (over by 0.5667)", result.Message);
    }

    [Theory]
    [InlineData(NoBaselinePolicy.Pass, true, "no baseline: passes (gates.when_no_baseline: pass)")]
    [InlineData(NoBaselinePolicy.Fail, false, "no baseline: fails (gates.when_no_baseline: fail)")]
    public void BaselineGateWithoutABaselineFollowsTheSpecPolicy(NoBaselinePolicy policy, bool passes, string message)
    {
        var result = Check(Gate("auc", GateOperator.AtLeast, -0.01, againstBaseline: true), baseline: null, policy);

        Assert.Equal((passes ? GateVerdict.Passed : GateVerdict.Failed, message), (result.Verdict, result.Message));
        Assert.Null(result.Threshold);
    }

    [Fact]
    public void BaselineWithoutTheMetricFollowsThePolicyAndNamesTheMetric()
    {
        var result = Check(Gate("p95_latency_ms", GateOperator.AtMost, 0.1, againstBaseline: true, percent: true), Baseline(), NoBaselinePolicy.Fail);

        Assert.Equal(GateVerdict.Failed, result.Verdict);
        Assert.Equal("the baseline has no value for p95_latency_ms: fails (gates.when_no_baseline: fail)", result.Message);
    }

    [Fact]
    public void AbsoluteOffsetFromTheBaselineAddsTheValueToTheBaseline()
    {
        // auc >= baseline - 0.01, baseline 0.70 → threshold 0.69; candidate 0.6818 falls short
        var result = Check(Gate("auc", GateOperator.AtLeast, -0.01, againstBaseline: true), Baseline());

        Assert.Equal(0.69, result.Threshold!.Value, 12);
        Assert.Equal(GateVerdict.Failed, result.Verdict);
        Assert.Equal("auc 0.6818 < 0.69 (short by 0.008182)", result.Message);
    }

    [Fact]
    public void PercentOffsetFromTheBaselineScalesWithTheBaselineMagnitude()
    {
        // log_loss <= baseline + 10 %, baseline 0.70 → threshold 0.77; candidate 0.6537 passes
        var result = Check(Gate("log_loss", GateOperator.AtMost, 0.10, againstBaseline: true, percent: true), Baseline());

        Assert.Equal(0.77, result.Threshold!.Value, 12);
        Assert.Equal(GateVerdict.Passed, result.Verdict);
    }

    [Fact]
    public void DeltasAreReadWithEachMetricDirection()
    {
        var auc = Check(Gate("auc", GateOperator.AtLeast, 0.5), Baseline());
        var logLoss = Check(Gate("log_loss", GateOperator.AtMost, 1), Baseline());

        // auc 0.6818 vs 0.70: lower AUC is worse; relative = (c - b) / |b|
        Assert.Equal(0.6818181818181818 - 0.70, auc.Delta!.Value, 12);
        Assert.Equal((0.6818181818181818 - 0.70) / 0.70, auc.RelativeDelta!.Value, 12);
        Assert.Equal(MetricChange.Worse, auc.Change);
        // log_loss 0.6537 vs 0.70: lower log loss is better
        Assert.Equal(MetricChange.Better, logLoss.Change);
        Assert.Equal(0.70, logLoss.Baseline);
    }

    [Fact]
    public void RelativeDeltaDividesByTheBaselineMagnitudeSoANegativeBaselineKeepsTheSign()
    {
        var candidate = Regression() with { Regression = Regression().Regression! with { R2 = -0.25 } };
        var baseline = Regression() with { Regression = Regression().Regression! with { R2 = -0.5 } };

        var result = GateCheck.Evaluate(new GatesSpec { Rules = [Gate("r2", GateOperator.AtLeast, -1)] }, candidate, baseline).Results.Single();

        Assert.Equal(0.5, result.RelativeDelta!.Value, 12);
        Assert.Equal(MetricChange.Better, result.Change);
        Assert.Equal(MetricChange.Better, GateCheck.Direction("rmse", -0.1));
        Assert.Equal(MetricChange.Worse, GateCheck.Direction("slice_gap.segment.auc", 0.1));
        Assert.Equal(MetricChange.Changed, GateCheck.Direction("base_rate", 0.1));
    }
}
