using Trainyard.Deploy.Analysis;
using Trainyard.Pipelines;
using static Trainyard.Tests.Deploy.Analysis.Windows;

namespace Trainyard.Tests.Deploy.Analysis;

/// <summary>A step's verdict from hand-built windows; each expected value worked out in its comment.</summary>
public class StepAnalysisTests
{
    private static DeploySpec Spec(params string[] checks) => new()
    {
        Checks = [.. checks.Select(c => GateExpression.Parse(c, new SourceLocation("pipelines/x.yml", 1, 1), GateGrammar.DeployChecks))],
    };

    [Fact]
    public void FailingCheckNamesItselfAndItsValues()
    {
        // 30 of 1000 canary requests answered 5xx: success_rate = 1 − 30/1000 = 0.97, short of 0.99 by 0.02.
        // Stable: 1 of 1000 → 0.999, shown beside the absolute check.
        var verdict = StepAnalysis.Judge(Spec("success_rate >= 0.99"), Step(Upstream("canary", 1000, serverErrors: 30), Upstream("stable", 1000, serverErrors: 1)));

        Assert.Equal(StepOutcome.Failed, verdict.Outcome);
        var check = Assert.Single(verdict.Checks);
        Assert.Equal((0.97, 0.999, 0.99, false, true), (check.Canary!.Value, check.Stable!.Value, check.Threshold!.Value, check.Passed, check.Judged));
        Assert.Equal("success_rate 0.9700 < 0.9900 (short by 0.0200)", check.Detail);
        Assert.Equal("failed: success_rate 0.9700 < 0.9900 (short by 0.0200)", verdict.Summary);
    }

    [Fact]
    public void ChecksAgainstStableUseStablesValueInTheSameWindowAsEvaluatesGatesDo()
    {
        var canary = Upstream("canary", 1000, serverErrors: 5, invalid: 35, p99: 62.5);
        var stable = Upstream("stable", 1000, serverErrors: 1, invalid: 20, p99: 50);
        var verdict = StepAnalysis.Judge(Spec(
            "success_rate >= stable - 0.005",        // 0.995 against 0.999 − 0.005 = 0.994: passes by 0.001
            "p99_latency_ms <= stable + 20%",        // 62.5 against 50 + 0.2 × 50 = 60: over by 2.5
            "invalid_request_rate <= stable + 0.01"), // 35/1000 = 0.035 against 20/1000 + 0.01 = 0.03: over by 0.005
            Step(canary, stable));

        Assert.Equal(StepOutcome.Failed, verdict.Outcome);
        Assert.Equal(
            [
                "success_rate 0.9950 >= 0.9940 (margin 0.0010) (stable 0.9990 - 0.005)",
                "p99_latency_ms 62.50 > 60.00 (over by 2.50) (stable 50.00 + 20%)",
                "invalid_request_rate 0.0350 > 0.0300 (over by 0.0050) (stable 0.0200 + 0.01)",
            ],
            verdict.Checks.Select(c => c.Detail));
        Assert.Equal([true, false, false], verdict.Checks.Select(c => c.Passed));
        Assert.Equal(60, verdict.Checks[1].Threshold!.Value, 12);
        Assert.Equal("failed: p99_latency_ms 62.50 > 60.00 (over by 2.50) (stable 50.00 + 20%); "
            + "invalid_request_rate 0.0350 > 0.0300 (over by 0.0050) (stable 0.0200 + 0.01)", verdict.Summary);
    }

    [Fact]
    public void HealthyCanaryPassesTheDefaultChecks()
    {
        // Both: no 5xx or 400 (rates 1 and 0), p99 20 ms (≤ 50 and ≤ 20 + 20% = 24), scores spread alike (PSI 0).
        var verdict = StepAnalysis.Judge(new DeploySpec(), Step(Upstream("canary", 1000), Upstream("stable", 3000)));

        Assert.Equal(StepOutcome.Passed, verdict.Outcome);
        Assert.All(verdict.Checks, c => Assert.True(c.Passed && c.Judged));
        Assert.Equal("passed: 6 checks on 1,000 canary and 3,000 stable requests in 30s", verdict.Summary);
    }

    [Fact]
    public void TooFewCanaryRequestsIsNoDataAndNothingIsJudged()
    {
        var verdict = StepAnalysis.Judge(new DeploySpec(), Step(Upstream("canary", 37, serverErrors: 37), Upstream("stable", 3000)));

        Assert.Equal(StepOutcome.NoData, verdict.Outcome);
        Assert.Equal("no data: 37 of 200 requests on the canary", verdict.Summary);
        Assert.All(verdict.Checks, c => Assert.False(c.Judged || c.Passed));
    }

    [Fact]
    public void NoTrafficAtAllIsNoDataEvenWithoutChecks()
    {
        var verdict = StepAnalysis.Judge(Spec(), Step(Upstream("canary", 0), Upstream("stable", 0)));

        Assert.Equal((StepOutcome.NoData, "no data: 0 of 200 requests on the canary"), (verdict.Outcome, verdict.Summary));
    }

    [Fact]
    public void TooFewStableRequestsLeavesChecksAgainstStableUnjudged()
    {
        var verdict = StepAnalysis.Judge(Spec("success_rate >= 0.99", "success_rate >= stable - 0.005", "score_psi <= 0.2"),
            Step(Upstream("canary", 1000), Upstream("stable", 150)));

        Assert.Equal(StepOutcome.NoData, verdict.Outcome);
        Assert.Equal("no data: 150 of 200 requests on stable", verdict.Summary);
        Assert.Equal([true, false, false], verdict.Checks.Select(c => c.Judged));
        Assert.True(verdict.Checks[0].Passed);
    }

    [Fact]
    public void FailedCheckOutweighsMissingStableData()
    {
        // The canary answers 5xx to half its 1000 requests: that fails whatever stable saw.
        var verdict = StepAnalysis.Judge(Spec("success_rate >= 0.99", "success_rate >= stable - 0.005"),
            Step(Upstream("canary", 1000, serverErrors: 500), Upstream("stable", 10)));

        Assert.Equal(StepOutcome.Failed, verdict.Outcome);
        Assert.Equal("failed: success_rate 0.5000 < 0.9900 (short by 0.4900)", verdict.Summary);
    }

    [Fact]
    public void FirstDeployHasNoStableToCompareWith()
    {
        var canary = Upstream("canary", 1000);

        var against = StepAnalysis.Judge(Spec("success_rate >= stable - 0.005"), Step(canary, null));
        var absolute = StepAnalysis.Judge(Spec("success_rate >= 0.99"), Step(canary, null));

        Assert.Equal((StepOutcome.NoData, "no data: 0 of 200 requests on stable (nothing is deployed yet)"), (against.Outcome, against.Summary));
        Assert.Equal((StepOutcome.Passed, "passed: 1 check on 1,000 canary requests in 30s"), (absolute.Outcome, absolute.Summary));
    }

    [Fact]
    public void UnmeasuredLatencyIsNoData()
    {
        var verdict = StepAnalysis.Judge(Spec("p99_latency_ms <= 50"), Step(Upstream("canary", 1000, p99: null), Upstream("stable", 1000)));

        Assert.Equal((StepOutcome.NoData, "no data: p99_latency_ms not measured on the canary"), (verdict.Outcome, verdict.Summary));
    }

    [Fact]
    public void ShiftedScoresTripScorePsi()
    {
        // Stable 100 per decile bucket; the canary puts 550 in the top bucket and 50 in each of the other nine.
        // PSI = 9 × (0.05 − 0.1) ln(0.05/0.1) + (0.55 − 0.1) ln(0.55/0.1) = 9 × 0.034657 + 0.767137 = 1.079053.
        long[] shifted = [50, 50, 50, 50, 50, 50, 50, 50, 50, 550];
        var verdict = StepAnalysis.Judge(Spec("score_psi <= 0.2"),
            Step(Upstream("canary", 1000, scores: shifted), Upstream("stable", 1000, scores: Even(100))));

        var check = Assert.Single(verdict.Checks);
        Assert.Equal(StepOutcome.Failed, verdict.Outcome);
        Assert.Equal(1.079053, check.Canary!.Value, 6);
        Assert.Null(check.Stable);
        Assert.Equal("score_psi 1.0791 > 0.2000 (over by 0.8791)", check.Detail);
    }

    [Fact]
    public void ServerWithoutAScoreHistogramOrWithFewScoresIsNoDataForScorePsi()
    {
        var spec = Spec("score_psi <= 0.2");
        var stable = Upstream("stable", 1000);

        var none = StepAnalysis.Judge(spec, Step(Upstream("canary", 1000, bounds: [], scores: []), stable));
        var few = StepAnalysis.Judge(spec, Step(Upstream("canary", 1000, scores: [37, 0, 0, 0, 0, 0, 0, 0, 0, 0]), stable));

        Assert.Equal((StepOutcome.NoData, "no data: the canary (v2) exports no score histogram"), (none.Outcome, none.Summary));
        Assert.Equal((StepOutcome.NoData, "no data: 37 of 200 scores on the canary"), (few.Outcome, few.Summary));
    }
}
