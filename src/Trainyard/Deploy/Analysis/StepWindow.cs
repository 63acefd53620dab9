namespace Trainyard.Deploy.Analysis;

/// <summary>
/// What one upstream (stable or canary) did during a step's window: the increments over the window, not totals.
/// Both metric sources (the embedded scrape and Prometheus) produce it, so the analysis cannot tell them apart.
/// </summary>
/// <param name="Upstream"><c>stable</c> or <c>canary</c>.</param>
/// <param name="Version">The model version serving there (<c>v7</c>).</param>
/// <param name="Requests">Requests the gateway routed there.</param>
/// <param name="ServerErrors">Of those, answered 5xx (502 when unreachable).</param>
/// <param name="InvalidRequests">Of those, answered 400.</param>
/// <param name="P50Ms">Latency percentiles from the gateway's histogram (<see cref="HistogramQuantile"/>); null when not measured.</param>
/// <param name="ScoreBounds">The server's score histogram: each bucket's upper bound, <c>+Inf</c> last; empty when it exports none.</param>
/// <param name="ScoreCounts">Scores per bucket (not cumulative) over the window, one per bound.</param>
internal sealed record UpstreamWindow(string Upstream, string Version, long Requests, long ServerErrors, long InvalidRequests,
    double? P50Ms, double? P95Ms, double? P99Ms, IReadOnlyList<double> ScoreBounds, IReadOnlyList<long> ScoreCounts);

/// <summary>One step's measurements; <paramref name="Stable"/> is null when nothing is deployed yet (a first deploy).</summary>
internal sealed record StepWindow(TimeSpan Length, UpstreamWindow Canary, UpstreamWindow? Stable);
