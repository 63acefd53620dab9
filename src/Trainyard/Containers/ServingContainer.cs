using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Trainyard.Docker;

namespace Trainyard.Containers;

/// <summary>What to run a serving container with, beyond the image.</summary>
internal sealed record ServingContainerOptions
{
    /// <summary>More environment (NAME=value), e.g. TRAINYARD_PREDICTION_LOG.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];
    /// <summary>"hostPath:containerPath[:ro]".</summary>
    public IReadOnlyList<string> Binds { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>The container's name; null = the engine's random one.</summary>
    public string? Name { get; init; }
    /// <summary>The loopback port the server listens on; null = a free one.</summary>
    public int? Port { get; init; }
    public long? MemoryBytes { get; init; }
    public double? Cpus { get; init; }
    /// <summary>Docker's restart policy; null = none (a test's or smoke test's container).</summary>
    public string? RestartPolicy { get; init; }
}

/// <summary>
/// A model-server container on the engine, run as production would run it — read-only root filesystem, /tmp on
/// tmpfs, the image's own user — on the host's network at a free loopback port (ASPNETCORE_URLS overridden), so this
/// process reaches it over HTTP whatever networks the engine has. <see cref="DisposeAsync"/> removes it, always.
/// </summary>
internal sealed class ServingContainer : IAsyncDisposable
{
    readonly DockerEngine _engine;

    ServingContainer(DockerEngine engine, string id, Uri url)
    {
        (_engine, Id, Url) = (engine, id, url);
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Id { get; }
    public Uri Url { get; }
    public HttpClient Http { get; }

    /// <summary>Creates and starts the container, then waits until /readyz answers 200.</summary>
    public static async Task<ServingContainer> StartAsync(DockerEngine engine, string image, ServingContainerOptions options, CancellationToken cancellationToken)
    {
        var url = new Uri($"http://127.0.0.1:{options.Port ?? FreePort()}");
        var spec = new ContainerSpec(image)
        {
            Env = [$"ASPNETCORE_URLS={url.ToString().TrimEnd('/')}", .. options.Environment],
            NetworkMode = "host",
            ReadOnlyRootFilesystem = true,
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,size=16m" },
            Binds = options.Binds,
            Labels = options.Labels,
            Name = options.Name,
            MemoryBytes = options.MemoryBytes,
            Cpus = options.Cpus,
            RestartPolicy = options.RestartPolicy,
        };
        var id = await engine.CreateContainerAsync(spec, cancellationToken);
        var container = new ServingContainer(engine, id, url);
        try
        {
            try { await engine.StartContainerAsync(id, cancellationToken); }
            catch (DockerException e)
            {
                throw new TrainyardException($"the container from {image} did not start: {e.Message}{await container.LogTailAsync()}", innerException: e);
            }
            await container.WaitReadyAsync(options.ReadyTimeout, cancellationToken);
            return container;
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
    }

    async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        string lastProblem = "no answer yet";
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                using var response = await Http.GetAsync("/readyz", cancellationToken);
                if (response.IsSuccessStatusCode) return;
                // The server's self-test is decided at start-up: a 503 will not turn into a 200.
                throw new TrainyardException($"/readyz answered {(int)response.StatusCode}: {Detail(await response.Content.ReadAsStringAsync(cancellationToken))}{await LogTailAsync()}");
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            var state = (await _engine.InspectContainerAsync(Id, cancellationToken)).State;
            if (!state.Running)
            {
                var logs = await LogTailAsync();
                // The loader or a C library missing from the base: the kernel's ENOENT on exec names neither.
                var hint = logs.Contains("exec /app/", StringComparison.Ordinal) && logs.Contains("no such file or directory", StringComparison.Ordinal)
                    ? "\nThe base image lacks what a self-contained .NET app needs (the glibc loader, libstdc++, libssl…): build on mcr.microsoft.com/dotnet/runtime-deps"
                    : "";
                throw new TrainyardException($"the server exited with code {state.ExitCode} before it was ready{(state.Error is { Length: > 0 } error ? $" ({error})" : "")}{logs}{hint}");
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TrainyardException($"the server was not ready at {Url}readyz within {timeout.TotalSeconds:0}s ({lastProblem}){await LogTailAsync()}");
    }

    /// <summary>The container's output, for a failure message: the last 40 lines.</summary>
    public Task<string> LogTailAsync() => ContainerOutput.TailAsync(_engine, Id);

    static string Detail(string body)
    {
        try { return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString() ?? body; }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { return body.Trim(); }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    bool _kept;

    /// <summary>Leaves the container running after <see cref="DisposeAsync"/>: a deployed server outlives this process.</summary>
    public void Keep() => _kept = true;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        // Not cancellable: a container left behind would hold the port and the image.
        if (!_kept) await _engine.RemoveContainerAsync(Id, force: true, CancellationToken.None);
    }
}
