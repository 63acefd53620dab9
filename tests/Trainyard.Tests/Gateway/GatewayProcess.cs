using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Trainyard.Tests.Registry.Distribution;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Gateway;

/// <summary>
/// Trainyard.Gateway run as its own process (<c>dotnet Trainyard.Gateway.dll</c>) with its public and admin listeners
/// on free loopback ports and the environment a test gives; everything it prints is kept (the logs the token and keys
/// must never reach). Killed on dispose.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    public const string Token = "test-admin-token-5f1c9e2a7b3d4e6f";
    readonly StringBuilder _output = new();
    readonly Process _process;

    GatewayProcess(Process process, Uri url, Uri adminUrl)
    {
        _process = process;
        Url = url;
        AdminUrl = adminUrl;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        Admin = new HttpClient { BaseAddress = adminUrl, Timeout = TimeSpan.FromSeconds(30) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public Uri Url { get; }
    public Uri AdminUrl { get; }
    /// <summary>The public listener.</summary>
    public HttpClient Http { get; }
    /// <summary>The admin listener, with the right token.</summary>
    public HttpClient Admin { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public int ProcessId => _process.Id;
    /// <summary>The folder of what runs: the published executable's, else the dll's (the tests' own).</summary>
    public static string ProgramFolder => Path.GetDirectoryName(Executable ?? Dll)!;

    static string Dll => Path.Combine(AppContext.BaseDirectory, "Trainyard.Gateway.dll");

    /// <summary>
    /// A published gateway to run instead of the dll, when <c>TRAINYARD_TEST_GATEWAY_EXECUTABLE</c> names one (as
    /// <c>TRAINYARD_TEST_SERVING_EXECUTABLE</c> does for the model server): the same tests then check a trimmed or NativeAOT publish.
    /// </summary>
    static string? Executable => Environment.GetEnvironmentVariable("TRAINYARD_TEST_GATEWAY_EXECUTABLE") is { Length: > 0 } path ? path : null;

    /// <summary>Starts a gateway with the admin API on (the test token) unless the environment says otherwise, and waits for /healthz.</summary>
    public static Task<GatewayProcess> StartAsync(params (string Name, string? Value)[] environment) => StartInAsync(null, environment);

    /// <summary>As <see cref="StartAsync"/>, the process started in <paramref name="workingDirectory"/> (else the test's).</summary>
    public static async Task<GatewayProcess> StartInAsync(string? workingDirectory, params (string Name, string? Value)[] environment)
    {
        var url = new Uri($"http://127.0.0.1:{RegistryServer.FreePort()}");
        // Two free ports asked one after the other can be the same one (nothing holds the first yet): ask again.
        var adminPort = RegistryServer.FreePort();
        while (adminPort == url.Port) adminPort = RegistryServer.FreePort();
        var adminUrl = new Uri($"http://127.0.0.1:{adminPort}");
        var all = new Dictionary<string, string?>
        {
            ["TRAINYARD_GATEWAY_URLS"] = url.AbsoluteUri.TrimEnd('/'),
            ["TRAINYARD_GATEWAY_ADMIN_URLS"] = adminUrl.AbsoluteUri.TrimEnd('/'),
            ["TRAINYARD_GATEWAY_TOKEN"] = Token,
            ["TRAINYARD_GATEWAY_SEED"] = "16",
        };
        foreach (var (name, value) in environment) all[name] = value;
        var gateway = new GatewayProcess(Launch(all, workingDirectory: workingDirectory), url, adminUrl).Attach();
        try { await gateway.WaitUntilAnsweringAsync(); }
        catch { await gateway.DisposeAsync(); throw; }
        return gateway;
    }

    /// <summary>Runs the gateway to its exit (start-up failures, --probe, --help): the exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        await using var gateway = new GatewayProcess(Launch(environment, arguments), new Uri("http://127.0.0.1"), new Uri("http://127.0.0.1")).Attach();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await gateway._process.WaitForExitAsync(timeout.Token);
        gateway._process.WaitForExit(); // the output's last lines
        return (gateway._process.ExitCode, gateway.Output);
    }

    static Process Launch(IReadOnlyDictionary<string, string?> environment, string[]? arguments = null, string? workingDirectory = null)
    {
        var start = Executable is { } executable
            ? new ProcessStartInfo(executable, arguments ?? []) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false }
            : new ProcessStartInfo("dotnet", [Dll, .. arguments ?? []]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TRAINYARD_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    GatewayProcess Attach()
    {
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        return this;
    }

    Task WaitUntilAnsweringAsync() => HealthWait.UntilAnsweringAsync(_process, Http, "gateway", Url, () => Output);

    /// <summary>PUTs a routing state through the admin API; fails the test unless it is accepted.</summary>
    public async Task<JsonNode> RouteAsync(object state)
    {
        using var response = await Admin.PutAsJsonAsync("/admin/state", state);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT /admin/state answered {(int)response.StatusCode}: {body}\n{Output}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>The routing state for stable (and canary) upstreams, as the admin API takes it.</summary>
    public static object State(UpstreamServer? stable, UpstreamServer? canary = null, int weight = 0, object[]? clients = null) => new
    {
        stable = stable is null ? null : new { url = stable.Url, version = stable.Version },
        canary = canary is null ? null : new { url = canary.Url, version = canary.Version },
        canary_weight = weight,
        clients,
    };

    public async Task<string> MetricsAsync() => await Http.GetStringAsync("/metrics");

    /// <summary>What the gateway printed once it holds <paramref name="text"/> (its logger writes from a queue); all of it after 10 s.</summary>
    public async Task<string> OutputOnceItSaysAsync(string text)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !Output.Contains(text, StringComparison.Ordinal) && DateTime.UtcNow < deadline;) await Task.Delay(50);
        return Output;
    }

    void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) if (_output.Length < 256_000) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.WaitForExit(); // the output's last lines
        _process.Dispose();
        Http.Dispose();
        Admin.Dispose();
    }
}
