using System.Diagnostics;
using System.Net;
using System.Text;
using Trainyard.Tests.Registry.Distribution;

namespace Trainyard.Tests.Serving;

/// <summary>
/// Trainyard.Serving run as its own process (<c>dotnet Trainyard.Serving.dll</c>) on 127.0.0.1 at a free port, with
/// the environment a test gives; killed on dispose. <see cref="StopAsync"/> asks it to shut down (SIGTERM) as an
/// orchestrator would, <see cref="KillAsync"/> kills it as a crash would.
/// </summary>
internal sealed class ModelServer : IAsyncDisposable
{
    readonly StringBuilder _output = new();
    readonly Process _process;

    ModelServer(Process process, Uri url)
    {
        _process = process;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Url { get; }
    public HttpClient Http { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public int ProcessId => _process.Id;

    /// <summary>The server's dll beside the test binaries (the project reference copies it there).</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Trainyard.Serving.dll");

    /// <summary>
    /// A published server to run instead of the dll, when <c>TRAINYARD_TEST_SERVING_EXECUTABLE</c> names one: so the
    /// same tests can check the trimmed server Containerize publishes (docs/containerize.md).
    /// </summary>
    static string? Executable => Environment.GetEnvironmentVariable("TRAINYARD_TEST_SERVING_EXECUTABLE") is { Length: > 0 } path ? path : null;

    /// <summary>Starts the server (in <paramref name="workingDirectory"/>, else the test's) and waits until <c>/healthz</c> answers.</summary>
    public static async Task<ModelServer> StartAsync(IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var url = new Uri($"http://127.0.0.1:{RegistryServer.FreePort()}");
        var server = new ModelServer(Launch(environment, url, workingDirectory: workingDirectory), url).Attach();
        try { await server.WaitUntilAnsweringAsync(); }
        catch { await server.DisposeAsync(); throw; }
        return server;
    }

    /// <summary>Runs the server to its exit (for start-up failures): the exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        await using var server = new ModelServer(Launch(environment, new Uri($"http://127.0.0.1:{RegistryServer.FreePort()}"), arguments), new Uri("http://127.0.0.1")).Attach();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await server._process.WaitForExitAsync(timeout.Token);
        server._process.WaitForExit(); // the output's last lines
        return (server._process.ExitCode, server.Output);
    }

    static Process Launch(IReadOnlyDictionary<string, string> environment, Uri url, string[]? arguments = null, string? workingDirectory = null)
    {
        var start = Executable is { } executable
            ? new ProcessStartInfo(executable, arguments ?? []) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false }
            : new ProcessStartInfo("dotnet", [Dll, .. arguments ?? []]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TRAINYARD_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        start.Environment["TRAINYARD_URLS"] = url.AbsoluteUri.TrimEnd('/');
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    ModelServer Attach()
    {
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        return this;
    }

    Task WaitUntilAnsweringAsync() => HealthWait.UntilAnsweringAsync(_process, Http, "model server", Url, () => Output);

    /// <summary>What the server printed once it holds <paramref name="text"/> (its logger writes from a queue, after the fact); all of it, so a failed check shows it, after 10 s.</summary>
    public async Task<string> OutputOnceItSaysAsync(string text)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !Output.Contains(text, StringComparison.Ordinal) && DateTime.UtcNow < deadline;) await Task.Delay(50);
        return Output;
    }

    /// <summary>SIGTERM, then waits for the process to exit by itself: graceful shutdown.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill!.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) if (_output.Length < 64_000) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
        Http.Dispose();
    }
}
