using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Trainyard.Benchmarks;

/// <summary>
/// A model server and two gateways in front of it (stable = the server, weight 0): the gateway as it ships, and one
/// with everything forwarded by YARP on the thread pool (TRAINYARD_GATEWAY_FORWARDER=yarp,
/// TRAINYARD_GATEWAY_INLINE_IO=off). The server on one placement, both gateways on another. Disposing stops all.
/// </summary>
internal sealed class GatewayChain : IAsyncDisposable
{
    const string Token = "benchmark-admin-token";

    public enum Path { Direct, Gateway, Yarp }

    public static readonly Path[] Paths = [Path.Direct, Path.Gateway, Path.Yarp];

    readonly Dictionary<Path, (Process Process, int Port)> _processes = [];

    public static string Name(Path path) => path switch
    {
        Path.Direct => "straight to the server",
        Path.Gateway => "through the gateway",
        _ => "through the gateway, YARP",
    };

    public int Port(Path path) => _processes[path].Port;

    /// <summary>CPU time the process behind <paramref name="path"/> has used so far (the server's for Direct).</summary>
    public TimeSpan CpuTime(Path path)
    {
        var process = _processes[path].Process;
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public static async Task<GatewayChain> StartAsync(string layout, string reference, Placement server, Placement gateways)
    {
        var chain = new GatewayChain();
        try
        {
            var serverPort = FreePort();
            chain._processes[Path.Direct] = (ServedPair.Start(server, "dotnet", [System.IO.Path.Combine(AppContext.BaseDirectory, "Trainyard.Serving.dll")],
                new() { ["TRAINYARD_MODEL_PATH"] = layout, ["TRAINYARD_MODEL_REFERENCE"] = reference, ["TRAINYARD_URLS"] = $"http://127.0.0.1:{serverPort}" }), serverPort);
            var admins = new Dictionary<Path, int>();
            foreach (var (path, environment) in new[]
                     {
                         (Path.Gateway, new Dictionary<string, string>()),
                         (Path.Yarp, new Dictionary<string, string> { ["TRAINYARD_GATEWAY_FORWARDER"] = "yarp", ["TRAINYARD_GATEWAY_INLINE_IO"] = "off" }),
                     })
            {
                var (port, admin) = (FreePort(), FreePort());
                environment["TRAINYARD_GATEWAY_URLS"] = $"http://127.0.0.1:{port}";
                environment["TRAINYARD_GATEWAY_ADMIN_URLS"] = $"http://127.0.0.1:{admin}";
                environment["TRAINYARD_GATEWAY_TOKEN"] = Token;
                chain._processes[path] = (ServedPair.Start(gateways, "dotnet", [System.IO.Path.Combine(AppContext.BaseDirectory, "Trainyard.Gateway.dll")], environment), port);
                admins[path] = admin;
            }

            using var http = new HttpClient();
            foreach (var (_, port) in chain._processes.Values) await WaitAsync(http, $"http://127.0.0.1:{port}/healthz");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            foreach (var admin in admins.Values)
            {
                using var routed = await http.PutAsJsonAsync($"http://127.0.0.1:{admin}/admin/state",
                    new { stable = new { url = $"http://127.0.0.1:{serverPort}", version = reference }, canary_weight = 0 });
                routed.EnsureSuccessStatusCode();
            }
            return chain;
        }
        catch
        {
            await chain.DisposeAsync();
            throw;
        }
    }

    static async Task WaitAsync(HttpClient http, string url)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
            try { if ((await http.GetAsync(url)).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
        throw new InvalidOperationException($"{url} did not answer within 60 s");
    }

    static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _processes.Values.Reverse())
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
