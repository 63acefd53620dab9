using Trainyard.Deploy.Metrics;

namespace Trainyard.Deploy;

/// <summary>
/// Where a model is deployed: Docker on one host now; a Kubernetes provider (Argo Rollouts resources) implements the
/// same four things later (DESIGN.md): start a version, set the weights, say where the metrics are, stop a version.
/// Nothing in CanaryDeploy or Rollback knows which provider runs.
/// </summary>
internal interface IDeployProvider
{
    /// <summary>Where, in words: "Docker at unix:///var/run/docker.sock".</summary>
    string Where { get; }

    /// <summary>The public endpoint clients call (the gateway's).</summary>
    Uri PublicUrl { get; }

    /// <summary>The routing state; null when nothing is deployed (no gateway runs for the model).</summary>
    Task<GatewayRoutes?> ReadRoutesAsync(CancellationToken cancellationToken);

    /// <summary>Starts the gateway when none runs for the model; returns its routing state.</summary>
    Task<GatewayRoutes> EnsureGatewayAsync(CancellationToken cancellationToken);

    /// <summary>Sets the routing state; returns it as the gateway now holds it.</summary>
    Task<GatewayRoutes> RouteAsync(GatewayRoutes routes, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="version"/> from <paramref name="image"/> (or finds it running) and waits until it is ready.</summary>
    Task<Upstream> StartAsync(string version, string image, CancellationToken cancellationToken);

    /// <summary>
    /// Stops a version that no longer gets traffic, after the requests in flight to it finished (drain). With
    /// <paramref name="keep"/> it is stopped but kept, for its logs, until a later deploy clears it.
    /// </summary>
    Task StopAsync(string version, bool keep, CancellationToken cancellationToken);

    /// <summary>Where the gateway's and the servers' metrics are, for the step analysis.</summary>
    DeployEndpoints Endpoints(GatewayRoutes routes);
}
