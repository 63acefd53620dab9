using Trainyard.Deploy.Analysis;

namespace Trainyard.Deploy.Metrics;

// STUB (lead's branch): replaced at merge by the metrics helper's files.
internal sealed record DeployEndpoints(Uri GatewayMetrics, IReadOnlyDictionary<string, Uri> ServerMetrics);
internal interface IStepMetrics
{
    Task BeginAsync(CancellationToken ct);
    Task<StepWindow> EndAsync(string canaryVersion, string? stableVersion, CancellationToken ct);
}
