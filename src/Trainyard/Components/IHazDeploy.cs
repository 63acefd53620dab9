using System.Security.Cryptography;
using System.Text;
using Trainyard.Deploy;
using Trainyard.Deploy.Metrics;
using Trainyard.Docker;
using Trainyard.Registry;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>
/// Where a model is deployed and how the deploy targets reach it: the Docker engine, the gateway's admin token, and
/// where live metrics come from (the servers' own /metrics, or the team's Prometheus). docs/deploy.md.
/// </summary>
public interface IHazDeploy : IHazRegistry, IHazDocker
{
    [Parameter("Bearer token of the gateway's admin API; the gateway is started with it, CanaryDeploy and Rollback call it with it"), Secret]
    string? GatewayToken => TryGetValue(() => GatewayToken);

    [Parameter("Prometheus to read the canary analysis's metrics from with PromQL, e.g. http://prometheus:9090 (default: scrape the gateway's and servers' /metrics)")]
    string? PrometheusUrl => TryGetValue(() => PrometheusUrl);

    /// <summary><see cref="PrometheusUrl"/> checked; null when not given.</summary>
    internal Uri? PrometheusUri => PrometheusUrl is { Length: > 0 } url
        ? Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" ? parsed
            : throw new UsageException($"--prometheus-url '{url}': expected an http(s) URL such as http://prometheus:9090")
        : null;

    /// <summary>Runs <paramref name="use"/> with the deploy's provider, registry and metrics wired up.</summary>
    /// <param name="gatewayImage">The gateway's image, ensured on the engine; only CanaryDeploy may have to build it.</param>
    internal async Task<T> WithDeployAsync<T>(Func<DeployRequest, Task<T>> use, Func<DockerEngine, CancellationToken, Task<string>>? gatewayImage,
        CancellationToken cancellationToken)
    {
        var read = Spec;
        // The provider gets the log folder as the Docker host sees it: absolute.
        var spec = read with { Deploy = read.Deploy with { PredictionLog = read.Deploy.PredictionLog is { } log ? IO.RepositoryPath.Full(Context.RootDirectory, log) : null } };
        var token = GatewayToken is { Length: > 0 } t ? t
            : throw new TrainyardException("the gateway's admin API needs a token: set TRAINYARD_GATEWAY_TOKEN (a secret; the same for CanaryDeploy and Rollback)");
        var clients = spec.Deploy.Clients.Select(c => new GatewayClient(c.Name, KeyHash(c.Name, c.SecretName))).ToList();
        using var engine = await DockerEngine.ConnectAsync(EngineAddress, cancellationToken);
        using var provider = new DockerProvider(engine, spec.Name, spec.Deploy, token, clients, ct => gatewayImage is null
            ? throw new TrainyardException($"no gateway runs for {spec.Name} on {engine.Host}: CanaryDeploy starts one")
            : gatewayImage(engine, ct));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var prometheus = PrometheusUri;
        return await WithRegistryAsync(registry => use(new DeployRequest(spec.Name, spec.Deploy, provider, registry,
            endpoints => StepMetrics.For(prometheus, endpoints, http), RegistryUser, Context.Console)
        {
            SmokeKey = spec.Deploy.Clients.Select(c => Context.Environment.GetValueOrDefault(c.SecretName)).FirstOrDefault(),
        }));
    }

    /// <summary>The SHA-256 of a caller's key, which is all the gateway gets; the key stays in this process.</summary>
    private string KeyHash(string name, string secret) =>
        Context.Environment.GetValueOrDefault(secret) is { Length: > 0 } key
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))
            : throw new TrainyardException($"deploy.clients names '{name}', whose key comes from the secret {secret}, which is not set");
}
