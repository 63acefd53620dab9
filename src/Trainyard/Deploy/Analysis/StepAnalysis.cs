using System.Globalization;
using Trainyard.Pipelines;

namespace Trainyard.Deploy.Analysis;

/// <summary>
/// Judges one step of a canary deploy from its window: each check of the spec on the canary's live metrics, against
/// a number or against stable measured in the same window.
/// </summary>
/// <remarks>
/// Decision: a judged check that fails makes the step <see cref="StepOutcome.Failed"/> even when other checks lack data
/// (a canary answering 5xx is bad whatever stable saw); otherwise a canary with fewer than <c>min_requests</c> requests,
/// or a check against stable (or score_psi) with too little on stable, makes it <see cref="StepOutcome.NoData"/>;
/// otherwise it passed. Argo Rollouts ranks its phases the same way (failed before inconclusive before successful).
/// </remarks>
internal static class StepAnalysis
{
    public static StepVerdict Judge(DeploySpec spec, StepWindow window)
    {
        var min = spec.MinRequests;
        var canaryShort = window.Canary.Requests < min ? $"no data: {window.Canary.Requests} of {min} requests on the canary" : null;
        var stableShort = window.Stable is not { } stable ? $"no data: 0 of {min} requests on stable (nothing is deployed yet)"
            : stable.Requests < min ? $"no data: {stable.Requests} of {min} requests on stable" : null;

        var results = spec.Checks.Select(check => Check(check, window, canaryShort, stableShort, min)).ToArray();
        var failed = results.Where(r => r.Judged && !r.Passed).ToArray();
        if (failed.Length > 0)
            return new StepVerdict(StepOutcome.Failed, results, "failed: " + string.Join("; ", failed.Select(r => r.Detail)));
        if (canaryShort is not null)
            return new StepVerdict(StepOutcome.NoData, results, canaryShort);
        if (results.FirstOrDefault(r => !r.Judged) is { } unjudged)
            return new StepVerdict(StepOutcome.NoData, results, unjudged.Detail);

        var requests = $"{Count(window.Canary.Requests)} canary"
            + (window.Stable is { } s ? $" and {Count(s.Requests)} stable" : "") + $" requests in {YamlDuration.Format(window.Length)}";
        return new StepVerdict(StepOutcome.Passed, results, results.Length == 0
            ? $"passed: no checks to judge; {requests}"
            : $"passed: {results.Length} check{(results.Length == 1 ? "" : "s")} on {requests}");
    }

    private static CheckResult Check(GateRule check, StepWindow window, string? canaryShort, string? stableShort, int min)
    {
        var unjudged = new CheckResult(check, null, null, null, false, "") { Judged = false };
        if (canaryShort is not null) return unjudged with { Detail = canaryShort };
        var isPsi = check.Metric == DeployReader.ScorePsi;
        if ((check.AgainstBaseline || isPsi) && stableShort is not null) return unjudged with { Detail = stableShort };

        var (canary, canaryMissing) = isPsi ? ScoreShift.Of(window.Canary, window.Stable!, min) : LiveMetric.Of(check.Metric, window.Canary);
        // Stable's value is shown beside absolute checks too, when stable had enough traffic to mean something.
        var (stable, stableMissing) = isPsi || stableShort is not null ? (null, null) : LiveMetric.Of(check.Metric, window.Stable!);
        unjudged = unjudged with { Canary = canary, Stable = stable };
        if (canary is not { } value) return unjudged with { Detail = canaryMissing! };
        if (GateComparison.Threshold(check, stable) is not { } threshold) return unjudged with { Detail = stableMissing! };

        string Show(double x) => LiveMetric.Format(check.Metric, x);
        var detail = GateComparison.Sentence(check, value, threshold, Show);
        if (check.AgainstBaseline)
            detail += $" (stable {Show(stable!.Value)} {(check.Value < 0 ? "-" : "+")} {Allowance(check)})";
        return new CheckResult(check, value, stable, threshold, GateComparison.Holds(check.Operator, value, threshold), detail);
    }

    private static string Allowance(GateRule check) =>
        check.Percent ? (Math.Abs(check.Value) * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%" : Math.Abs(check.Value).ToString("0.######", CultureInfo.InvariantCulture);

    private static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
