using Trainyard.Pipelines;

namespace Trainyard.Deploy.Analysis;

/// <summary>How a step ended. What <see cref="NoData"/> does (fail, pause, pass) is the deploy's policy, applied by the caller.</summary>
internal enum StepOutcome { Passed, Failed, NoData }

/// <summary>One check in one step.</summary>
/// <param name="Canary">The canary's value of the check's metric (for score_psi: the PSI); null when not measured.</param>
/// <param name="Stable">Stable's value of the metric, when measured (shown for absolute checks too); null for score_psi.</param>
/// <param name="Threshold">The threshold applied (against-stable ones resolved); null when the check was not judged.</param>
/// <param name="Detail">
/// The sentence to show: <c>success_rate 0.9700 &lt; 0.9900 (short by 0.0200)</c>, or for an unjudged check why:
/// <c>no data: 37 of 200 requests on the canary</c>.
/// </param>
internal sealed record CheckResult(GateRule Check, double? Canary, double? Stable, double? Threshold, bool Passed, string Detail)
{
    /// <summary>False when too little data left the check unjudged (<see cref="Passed"/> is then false too).</summary>
    public bool Judged { get; init; } = true;
}

/// <summary>A step's verdict: <see cref="StepOutcome.Failed"/> when any judged check failed, else no data when any check (or the canary's traffic) lacked data, else passed.</summary>
internal sealed record StepVerdict(StepOutcome Outcome, IReadOnlyList<CheckResult> Checks, string Summary);
