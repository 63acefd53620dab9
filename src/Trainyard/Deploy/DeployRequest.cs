using Spectre.Console;
using Trainyard.Deploy.Metrics;
using Trainyard.Pipelines;
using Trainyard.Registry;

namespace Trainyard.Deploy;

/// <summary>What CanaryDeploy acts on at a later call for a held canary: <c>--promote</c> or <c>--abort</c>.</summary>
internal enum HeldDecision { None, Promote, Abort }

/// <summary>Everything a deploy or rollback works with; built by the targets.</summary>
/// <param name="MetricsFor">The step metrics over these endpoints: scraped by default, Prometheus with --prometheus-url.</param>
internal sealed record DeployRequest(
    string Model,
    DeploySpec Spec,
    IDeployProvider Provider,
    ModelRegistry Registry,
    Func<DeployEndpoints, IStepMetrics> MetricsFor,
    string Who,
    IAnsiConsole Console)
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>A caller key the deploy's own smoke request carries when the gateway admits only known callers (deploy.clients).</summary>
    public string? SmokeKey { get; init; }
}
