using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Trainyard.Benchmarks;

/// <summary>
/// The two services under test, started on free loopback ports: Trainyard.Serving and the FastAPI + uvicorn +
/// xgboost app, both serving the same package, both placed alike (<see cref="Placement"/>). Disposing stops both.
/// </summary>
internal sealed class ServedPair : IAsyncDisposable
{
    readonly Process trainyard;
    readonly Process python;

    ServedPair(Process trainyard, int trainyardPort, Process python, int pythonPort)
    {
        (this.trainyard, this.python) = (trainyard, python);
        (TrainyardPort, PythonPort) = (trainyardPort, pythonPort);
    }

    public int TrainyardPort { get; }
    public int PythonPort { get; }

    public static async Task<ServedPair> StartAsync(string layout, string reference, Placement placement, string inlineIo)
    {
        var trainyardPort = FreePort();
        var pythonPort = FreePort();
        var trainyard = Start(placement, "dotnet", [Path.Combine(AppContext.BaseDirectory, "Trainyard.Serving.dll")],
            new() { ["TRAINYARD_MODEL_PATH"] = layout, ["TRAINYARD_MODEL_REFERENCE"] = reference, ["TRAINYARD_URLS"] = $"http://127.0.0.1:{trainyardPort}",
                ["TRAINYARD_INLINE_IO"] = inlineIo });
        var python = Start(placement, "/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "python", "serve_xgboost.py"),
            layout, reference, pythonPort.ToString(CultureInfo.InvariantCulture)], []);
        var pair = new ServedPair(trainyard, trainyardPort, python, pythonPort);
        try
        {
            await WaitAsync(trainyardPort);
            await WaitAsync(pythonPort);
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
        var process = port == TrainyardPort ? trainyard : python;
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { trainyard, python })
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }
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
