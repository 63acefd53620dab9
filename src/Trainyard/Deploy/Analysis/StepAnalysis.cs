using Trainyard.Pipelines;

namespace Trainyard.Deploy.Analysis;

// STUB (lead's branch): replaced at merge by the analysis helper's files.
internal enum StepOutcome { Passed, Failed, NoData }
internal sealed record CheckResult(GateRule Check, double? Canary, double? Stable, double? Threshold, bool Passed, string Detail);
internal sealed record StepVerdict(StepOutcome Outcome, IReadOnlyList<CheckResult> Checks, string Summary);
internal static class StepAnalysis
{
    public static StepVerdict Judge(DeploySpec spec, StepWindow window) => new(StepOutcome.Passed, [], "stub");
}
