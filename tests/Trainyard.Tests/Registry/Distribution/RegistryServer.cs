using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Trainyard.Registry;
using Trainyard.Registry.Distribution;

namespace Trainyard.Tests.Registry.Distribution;

/// <summary>
/// Debian's <c>docker-registry</c> (distribution 2.8) serving on 127.0.0.1 at a free port, with filesystem storage in
/// a temp folder and deletes enabled; stopped and removed on dispose. <see cref="StartAsync"/> uses the registry named
/// by <c>TRAINYARD_TEST_REGISTRY</c> instead when that is set; <see cref="StartLocalAsync"/> always runs one here (for
/// authentication variants and fault tests, which <see cref="StopAsync"/> and <see cref="RestartAsync"/> the process
/// on the same port and storage). A missing binary fails the test with the command that installs it.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    public const string BinaryPath = "/usr/bin/docker-registry";
    public const string ExternalVariable = "TRAINYARD_TEST_REGISTRY";

    readonly string? _directory;
    readonly string? _config;
    readonly StringBuilder _output = new();
    Process? _process;

    RegistryServer(Uri url, string? directory, string? config)
    {
        Url = url;
        _directory = directory;
        _config = config;
    }

    /// <summary>The registry's base URL, <c>http://127.0.0.1:&lt;port&gt;</c> (no trailing slash).</summary>
    public Uri Url { get; }

    public bool IsExternal => _directory is null;

    /// <summary>Where the local registry keeps its blobs and repositories (<c>docker/registry/v2/…</c>).</summary>
    public string StorageDirectory => Path.Combine(_directory ?? throw External(), "storage");

    /// <summary>An anonymous registry: <c>TRAINYARD_TEST_REGISTRY</c> when set, otherwise a local one.</summary>
    public static async Task<RegistryServer> StartAsync(CancellationToken cancellationToken = default) =>
        Environment.GetEnvironmentVariable(ExternalVariable) is { Length: > 0 } external
            ? new RegistryServer(new Uri(external.TrimEnd('/')), null, null)
            : await StartLocalAsync(null, cancellationToken);

    /// <summary>A registry run here; <paramref name="auth"/> adds its <c>auth:</c> section (htpasswd or token).</summary>
    public static async Task<RegistryServer> StartLocalAsync(RegistryAuthConfig? auth = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(BinaryPath))
            throw new InvalidOperationException($"Debian's docker-registry is not installed ({BinaryPath} is missing): run apt-get install docker-registry");
        var directory = Directory.CreateTempSubdirectory("trainyard-registry-").FullName;
        var port = FreePort();
        var config = Path.Combine(directory, "config.yml");
        var authSection = auth is null ? "" : await auth.WriteAsync(directory, cancellationToken);
        // A fixed http.secret: upload URLs carry state signed with it, and must stay valid across a restart.
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {Path.Combine(directory, "storage")}
              delete:
                enabled: true
              maintenance:
                uploadpurging:
                  enabled: false
            http:
              addr: 127.0.0.1:{port}
              secret: trainyard-test-{Guid.NewGuid():N}
            {authSection}
            """, cancellationToken);
        var server = new RegistryServer(new Uri($"http://127.0.0.1:{port}"), directory, config);
        try { await server.RestartAsync(cancellationToken); }
        catch { await server.DisposeAsync(); throw; }
        return server;
    }

    /// <summary>A store on this registry under a prefix of its own, so tests sharing one registry do not meet.</summary>
    internal DistributionStore NewStore(RegistryCredentials? credentials = null, HttpMessageHandler? handler = null, DistributionRetry? retry = null) =>
        new(PrefixUrl(), credentials ?? RegistryCredentials.None, handler)
        {
            Retry = retry ?? new DistributionRetry(3, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)),
        };

    /// <summary>The registry's URL with a new repository prefix in its path: <c>http://127.0.0.1:&lt;port&gt;/t0123456789ab</c>.</summary>
    public Uri PrefixUrl() => new($"{Url.AbsoluteUri.TrimEnd('/')}/t{Guid.NewGuid().ToString("N")[..12]}");

    /// <summary>Kills the registry as a crash would: requests in flight fail, stored content stays.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Starts (or starts again) the registry on the same port and storage, and waits until it answers.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (_config is null) throw External();
        await StopAsync();
        lock (_output) _output.Clear();
        var start = new ProcessStartInfo(BinaryPath, ["serve", _config])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {BinaryPath}");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync(cancellationToken);
    }

    async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"docker-registry exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/v2/"), cancellationToken);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(50, cancellationToken);
        }
        throw new InvalidOperationException($"docker-registry did not answer on {Url} within 20 s:\n{Output}");
    }

    /// <summary>What the registry printed (warnings and errors), for failure messages.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) if (_output.Length < 64_000) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        if (_directory is not null && Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    InvalidOperationException External() =>
        new($"{ExternalVariable} names an external registry ({Url}); this needs one started here (StartLocalAsync)");

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
