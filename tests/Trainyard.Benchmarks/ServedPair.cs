using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Trainyard.Benchmarks;

/// <summary>
/// The services under test, started on free loopback ports and placed alike (<see cref="Placement"/>):
/// Trainyard.Serving and the FastAPI + uvicorn + xgboost app, both serving the same package, and the bare endpoint
/// (tests/Trainyard.Benchmarks.Bare: Kestrel parsing the same body and answering Trainyard.Serving's first answer
/// again, the floor for the server). Disposing stops all three.
/// </summary>
internal sealed class ServedPair : IAsyncDisposable
{
    public const string Trainyard = "Trainyard.Serving", Python = "FastAPI+uvicorn+xgboost", Bare = "bare Kestrel endpoint";

    public static readonly string[] Names = [Trainyard, Python, Bare];

    readonly Dictionary<int, Process> _processes = [];
    string? _answerFile;

    ServedPair() { }

    public int TrainyardPort { get; private set; }
    public int PythonPort { get; private set; }
    public int BarePort { get; private set; }

    /// <summary>The three services in the order the benchmark reports them.</summary>
    public IReadOnlyList<(string Name, int Port)> Services => [(Trainyard, TrainyardPort), (Python, PythonPort), (Bare, BarePort)];

    public static async Task<ServedPair> StartAsync(string layout, string reference, Placement placement, string inlineIo, string row)
    {
        var pair = new ServedPair { TrainyardPort = FreePort(), PythonPort = FreePort(), BarePort = FreePort() };
        try
        {
            pair._processes[pair.TrainyardPort] = Start(placement, "dotnet", [Path.Combine(AppContext.BaseDirectory, "Trainyard.Serving.dll")],
                new() { ["TRAINYARD_MODEL_PATH"] = layout, ["TRAINYARD_MODEL_REFERENCE"] = reference, ["TRAINYARD_URLS"] = $"http://127.0.0.1:{pair.TrainyardPort}",
                    ["TRAINYARD_INLINE_IO"] = inlineIo });
            pair._processes[pair.PythonPort] = Start(placement, "/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "python", "serve_xgboost.py"),
                layout, reference, pair.PythonPort.ToString(CultureInfo.InvariantCulture)], []);
            await WaitAsync(pair.TrainyardPort);
            // The bare endpoint answers what the server answers: its first answer, model and prediction alike.
            pair._answerFile = Path.Combine(Path.GetTempPath(), $"trainyard-bare-{Environment.ProcessId}-{pair.BarePort}.json");
            using (var http = new HttpClient())
            {
                using var answer = await http.PostAsync($"http://127.0.0.1:{pair.TrainyardPort}/v1/predict", new StringContent(row, System.Text.Encoding.UTF8, "application/json"));
                await File.WriteAllTextAsync(pair._answerFile, await answer.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
            }
            pair._processes[pair.BarePort] = Start(placement, "dotnet", [Path.Combine(AppContext.BaseDirectory, "Trainyard.Benchmarks.Bare.dll"), pair._answerFile],
                new() { ["TRAINYARD_URLS"] = $"http://127.0.0.1:{pair.BarePort}", ["TRAINYARD_INLINE_IO"] = inlineIo });
            await WaitAsync(pair.PythonPort);
            await WaitAsync(pair.BarePort);
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>CPU time the service on <paramref name="port"/> has used so far: over a run, the share of a core it got.</summary>
    public TimeSpan CpuTime(int port)
    {
        var process = _processes[port];
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.Values)
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }
        if (_answerFile is not null) File.Delete(_answerFile);
    }

    public static Process Start(Placement placement, string file, string[] args, Dictionary<string, string> environment, bool capture = false)
    {
        var start = placement.StartInfo(file, args);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = capture;
        start.RedirectStandardError = capture;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
    }

    internal static async Task WaitAsync(int port)
    {
        using var http = new HttpClient();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
            try { if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode == HttpStatusCode.OK) return; }
            catch (HttpRequestException) { }
        throw new InvalidOperationException($"nothing answered on port {port} within 60 s");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
