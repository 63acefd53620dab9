using Trainyard.Deploy.Analysis;

namespace Trainyard.Deploy.Metrics;

// STUB (lead's branch): replaced at merge by the metrics helper's files.
internal sealed record DeployEndpoints(Uri GatewayMetrics, IReadOnlyDictionary<string, Uri> ServerMetrics);
internal interface IStepMetrics
{
    Task BeginAsync(CancellationToken ct);
    Task<StepWindow> EndAsync(string canaryVersion, string? stableVersion, CancellationToken ct);
}
internal sealed class ScrapedStepMetrics(DeployEndpoints endpoints) : IStepMetrics
{
    public DeployEndpoints Endpoints => endpoints;
    public Task BeginAsync(CancellationToken ct) => throw new NotImplementedException();
    public Task<StepWindow> EndAsync(string canaryVersion, string? stableVersion, CancellationToken ct) => throw new NotImplementedException();
}
internal sealed class PrometheusStepMetrics(Uri url, DeployEndpoints endpoints, TimeSpan window) : IStepMetrics
{
    public object All => (url, endpoints, window);
    public Task BeginAsync(CancellationToken ct) => throw new NotImplementedException();
    public Task<StepWindow> EndAsync(string canaryVersion, string? stableVersion, CancellationToken ct) => throw new NotImplementedException();
}
