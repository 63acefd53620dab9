namespace Trainyard.Artifacts.Metrics;

/// <summary>What scoring costs: single-row latency percentiles and batch throughput.</summary>
internal sealed record ServingCost(
    int SingleRowCalls, double P50LatencyMs, double P95LatencyMs, double P99LatencyMs,
    int BatchRows, int BatchRuns, double ThroughputRowsPerS);
