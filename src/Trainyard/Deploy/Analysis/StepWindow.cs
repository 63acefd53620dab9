namespace Trainyard.Deploy.Analysis;

/// <summary>One upstream's measurements over a step's window (the window's increments, not totals).</summary>
internal sealed record UpstreamWindow(string Upstream, string Version, long Requests, long ServerErrors, long InvalidRequests,
    double? P50Ms, double? P95Ms, double? P99Ms, IReadOnlyList<double> ScoreBounds, IReadOnlyList<long> ScoreCounts);
    // ScoreCounts: per bucket (not cumulative), the window's increments; ScoreBounds: the buckets' upper bounds (+Inf last)

/// <summary>What a step measured: the canary's upstream and, once there is one, the stable's, over the same window.</summary>
internal sealed record StepWindow(TimeSpan Length, UpstreamWindow Canary, UpstreamWindow? Stable);
