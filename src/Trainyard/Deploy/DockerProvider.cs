using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Trainyard.Containers;
using Trainyard.Deploy.Metrics;
using Trainyard.Docker;
using Trainyard.Pipelines;

namespace Trainyard.Deploy;

/// <summary>
/// The Docker provider: a model's gateway and servers as containers on one engine, on the host's network (servers on
/// loopback, so callers reach a model only through the gateway and its caller keys), restarted by the engine unless
/// stopped, labelled (<see cref="DeployLabels"/>) so any later process finds them.
/// </summary>
/// <param name="gatewayImage">Returns the gateway's image, building it when the engine lacks it.</param>
internal sealed class DockerProvider(DockerEngine engine, string model, DeploySpec spec, string token,
    IReadOnlyList<GatewayClient> clients, Func<CancellationToken, Task<string>> gatewayImage) : IDeployProvider, IDisposable
{
    readonly GatewayAdmin _admin = new(new Uri($"http://127.0.0.1:{spec.AdminPort}"), token);
    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public string Where => $"Docker at {engine.Host.Address}";

    public Uri PublicUrl { get; } = new($"http://127.0.0.1:{spec.Port}");

    public async Task<GatewayRoutes?> ReadRoutesAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync("gateway", null, cancellationToken) is not { State: "running" }) return null;
        return await WaitForAdminAsync(TimeSpan.FromSeconds(10), cancellationToken);
    }

    public async Task<GatewayRoutes> EnsureGatewayAsync(CancellationToken cancellationToken)
    {
        if (await ReadRoutesAsync(cancellationToken) is { } running) return running;
        var name = DeployLabels.ContainerName(model, "gateway");
        await engine.RemoveContainerAsync(name, force: true, cancellationToken);   // a stopped one from before
        RequireFree(spec.Port, "deploy.port (the gateway's public port)");
        RequireFree(spec.AdminPort, "deploy.admin_port (the gateway's admin API)");
        var image = await gatewayImage(cancellationToken);
        var id = await engine.CreateContainerAsync(new ContainerSpec(image)
        {
            Name = name,
            Env = [$"TRAINYARD_GATEWAY_URLS=http://0.0.0.0:{spec.Port}", $"TRAINYARD_GATEWAY_ADMIN_URLS=http://127.0.0.1:{spec.AdminPort}",
                $"TRAINYARD_GATEWAY_TOKEN={token}"],
            Labels = new Dictionary<string, string>
            {
                [DeployLabels.Model] = model, [DeployLabels.Role] = "gateway", [DeployLabels.Port] = spec.Port.ToString(CultureInfo.InvariantCulture),
            },
            NetworkMode = spec.Network,
            ReadOnlyRootFilesystem = true,
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,size=16m" },
            RestartPolicy = "unless-stopped",
        }, cancellationToken);
        await engine.StartContainerAsync(id, cancellationToken);
        return await WaitForAdminAsync(TimeSpan.FromSeconds(30), cancellationToken)
            ?? throw new TrainyardException($"the gateway container {name} ({image}) did not answer on its admin port {spec.AdminPort} within 30s{await ContainerOutput.TailAsync(engine, id)}");
    }

    public Task<GatewayRoutes> RouteAsync(GatewayRoutes routes, CancellationToken cancellationToken) =>
        _admin.WriteAsync(routes with { Clients = clients }, cancellationToken);

    public async Task<Upstream> StartAsync(string version, string image, CancellationToken cancellationToken)
    {
        await ClearKeptAsync(cancellationToken);
        var servers = await ServersAsync(cancellationToken);
        if (servers.FirstOrDefault(s => s.Labels.GetValueOrDefault(DeployLabels.Version) == version && s.State == "running") is { } running)
            return new Upstream(UrlOf(running), version);
        var taken = servers.Where(s => s.State == "running").Select(s => s.Labels.GetValueOrDefault(DeployLabels.Port)).ToHashSet();
        var port = spec.ServerPorts.FirstOrDefault(p => !taken.Contains(p.ToString(CultureInfo.InvariantCulture)));
        if (port == 0)
            throw new TrainyardException($"deploy.server_ports {string.Join(", ", spec.ServerPorts)} are all taken by running versions of {model} " +
                $"({string.Join(", ", servers.Where(s => s.State == "running").Select(s => s.Labels.GetValueOrDefault(DeployLabels.Version)))}); finish or roll back the deploy in progress first");
        var name = DeployLabels.ContainerName(model, version);
        await engine.RemoveContainerAsync(name, force: true, cancellationToken);   // kept after an abort, or stopped
        RequireFree(port, "deploy.server_ports");
        if (spec.Network != "host")
            throw new TrainyardException($"deploy.network '{spec.Network}': the Docker provider runs on the host's network only for now (network: host)");
        if (spec.PredictionLog is { } folder) Directory.CreateDirectory(folder);
        await using var server = await ServingContainer.StartAsync(engine, image, new ServingContainerOptions
        {
            Name = name,
            Environment = spec.PredictionLog is null ? [] : [$"TRAINYARD_PREDICTION_LOG=/log/{model}-{version}.jsonl"],
            Binds = spec.PredictionLog is { } log ? [$"{log}:/log"] : [],
            Port = port,
            Labels = new Dictionary<string, string>
            {
                [DeployLabels.Model] = model, [DeployLabels.Version] = version, [DeployLabels.Role] = "server",
                [DeployLabels.Port] = port.ToString(CultureInfo.InvariantCulture),
            },
            ReadyTimeout = spec.ReadyTimeout,
            MemoryBytes = spec.MemoryBytes,
            Cpus = spec.Cpus,
            RestartPolicy = "unless-stopped",
        }, cancellationToken);
        server.Keep();
        return new Upstream(server.Url.ToString().TrimEnd('/'), version);
    }

    /// <summary>Removes the stopped servers an abort kept for inspection once <c>deploy.abort_keep</c> has passed.</summary>
    async Task ClearKeptAsync(CancellationToken cancellationToken)
    {
        foreach (var stopped in (await ServersAsync(cancellationToken)).Where(s => s.State != "running"))
        {
            var finished = (await engine.InspectContainerAsync(stopped.Id, cancellationToken)).State.FinishedAt;
            if (finished is null || finished + spec.AbortKeep <= DateTimeOffset.UtcNow)
                await engine.RemoveContainerAsync(stopped.Id, force: true, cancellationToken);
        }
    }

    public async Task StopAsync(string version, bool keep, CancellationToken cancellationToken)
    {
        await DrainAsync(version, cancellationToken);
        foreach (var server in (await ServersAsync(cancellationToken)).Where(s => s.Labels.GetValueOrDefault(DeployLabels.Version) == version))
        {
            // SIGTERM first: the server finishes what it holds (there should be nothing left after the drain).
            await engine.StopContainerAsync(server.Id, TimeSpan.FromSeconds(10), cancellationToken);
            if (!keep) await engine.RemoveContainerAsync(server.Id, force: true, cancellationToken);
        }
    }

    public DeployEndpoints Endpoints(GatewayRoutes routes) => new(new Uri(PublicUrl, "/metrics"),
        new[] { routes.Stable, routes.Canary }.OfType<Upstream>().DistinctBy(u => u.Version)
            .ToDictionary(u => u.Version, u => new Uri(new Uri(u.Url), "/metrics")));

    /// <summary>
    /// Waits until the gateway has no request in flight to <paramref name="version"/> (it gets no new ones once the
    /// routes moved), for at most 30 seconds: a request the gateway already sent finishes before the server stops.
    /// </summary>
    async Task DrainAsync(string version, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var inFlight = await InFlightAsync(version, cancellationToken);
            if (inFlight is null or 0) return;
            await Task.Delay(50, cancellationToken);
        }
    }

    async Task<double?> InFlightAsync(string version, CancellationToken cancellationToken)
    {
        try
        {
            var scrape = await Scrape.FetchAsync(_http, new Uri(PublicUrl, "/metrics"), cancellationToken);
            return scrape.Named("trainyard_gateway_in_flight_requests").Where(s => s.Label("version") == version).Sum(s => s.Value);
        }
        catch (TrainyardException) { return null; }   // the gateway is gone: nothing is in flight through it
    }

    async Task<GatewayRoutes?> WaitForAdminAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (await _admin.TryReadAsync(cancellationToken) is { } routes) return routes;
            if (DateTimeOffset.UtcNow > deadline) return null;
            await Task.Delay(100, cancellationToken);
        }
    }

    async Task<ContainerSummary?> FindAsync(string role, string? version, CancellationToken cancellationToken) =>
        (await engine.ListContainersAsync($"{DeployLabels.Model}={model}", all: true, cancellationToken))
            .Where(c => c.Labels.GetValueOrDefault(DeployLabels.Role) == role && (version is null || c.Labels.GetValueOrDefault(DeployLabels.Version) == version))
            .OrderByDescending(c => c.State == "running").FirstOrDefault();

    async Task<IReadOnlyList<ContainerSummary>> ServersAsync(CancellationToken cancellationToken) =>
        [.. (await engine.ListContainersAsync($"{DeployLabels.Model}={model}", all: true, cancellationToken))
            .Where(c => c.Labels.GetValueOrDefault(DeployLabels.Role) == "server")];

    static string UrlOf(ContainerSummary server) => $"http://127.0.0.1:{server.Labels.GetValueOrDefault(DeployLabels.Port)}";

    static void RequireFree(int port, string setting)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
        }
        catch (SocketException)
        {
            throw new TrainyardException($"port {port} is in use on this host: choose a free one in {setting}");
        }
    }

    public void Dispose()
    {
        _admin.Dispose();
        _http.Dispose();
    }
}
