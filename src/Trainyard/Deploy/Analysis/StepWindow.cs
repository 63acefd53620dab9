namespace Trainyard.Deploy.Analysis;

// STUB (lead's branch): replaced at merge by the analysis helper's file.
internal sealed record UpstreamWindow(string Upstream, string Version, long Requests, long ServerErrors, long InvalidRequests,
    double? P50Ms, double? P95Ms, double? P99Ms, IReadOnlyList<double> ScoreBounds, IReadOnlyList<long> ScoreCounts);

internal sealed record StepWindow(TimeSpan Length, UpstreamWindow Canary, UpstreamWindow? Stable);
