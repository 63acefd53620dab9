using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Trainyard.Benchmarks;

/// <summary>
/// `serve`: Trainyard.Serving against FastAPI + uvicorn + xgboost serving the same package, side by side: wrk
/// closed-loop single-row requests on loopback (requests/s, p50, p99; medians of the runs), then Trainyard's p99
/// under an open-loop client at 70% of its measured saturation, timed from each request's scheduled start.
/// </summary>
internal static partial class ServeCommand
{
    public static async Task<int> RunAsync(string layout, string reference, int reps, int seconds)
    {
        var row = await FirstExampleRowAsync(layout, reference);
        var script = Path.Combine(Path.GetTempPath(), $"trainyard-serve-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, $"wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [[{row}]]\n");
        var trainyardPort = FreePort();
        var pythonPort = FreePort();
        using var trainyard = Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "Trainyard.Serving.dll")],
            new() { ["TRAINYARD_MODEL_PATH"] = layout, ["TRAINYARD_MODEL_REFERENCE"] = reference, ["TRAINYARD_URLS"] = $"http://127.0.0.1:{trainyardPort}" });
        using var python = Start("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "python", "serve_xgboost.py"), layout, reference, pythonPort.ToString(CultureInfo.InvariantCulture)], []);
        try
        {
            await WaitAsync(trainyardPort);
            await WaitAsync(pythonPort);
            Console.WriteLine($"single-row POST /v1/predict on loopback, wrk -t2 -c32 -d{seconds}s, {reps} runs each, medians:");
            var ours = await MeasureAsync(trainyardPort, script, reps, seconds);
            var theirs = await MeasureAsync(pythonPort, script, reps, seconds);
            Console.WriteLine($"  Trainyard.Serving          {ours.Rps,10:N0} req/s  p50 {ours.P50,7:N3} ms  p99 {ours.P99,7:N3} ms");
            Console.WriteLine($"  FastAPI+uvicorn+xgboost    {theirs.Rps,10:N0} req/s  p50 {theirs.P50,7:N3} ms  p99 {theirs.P99,7:N3} ms");
            Console.WriteLine($"  throughput ratio {ours.Rps / theirs.Rps:N1}x");
            var rate = (int)(ours.Rps * 0.7);
            var p99s = new List<double>();
            for (var i = 0; i < reps; i++) p99s.Add(await OpenLoop.P99Async(new Uri($"http://127.0.0.1:{trainyardPort}/v1/predict"), row, rate, seconds));
            Console.WriteLine($"  Trainyard.Serving at 70% of saturation ({rate:N0} req/s, open loop): p99 {Median(p99s):N3} ms (runs: {string.Join(", ", p99s.Select(p => p.ToString("N3", CultureInfo.InvariantCulture)))})");
            return 0;
        }
        finally
        {
            foreach (var process in new[] { trainyard, python }) if (!process.HasExited) process.Kill();
            File.Delete(script);
        }
    }

    static async Task<(double Rps, double P50, double P99)> MeasureAsync(int port, string script, int reps, int seconds)
    {
        var runs = new List<(double, double, double)>();
        await Wrk(port, script, 2); // warm-up: JIT, connection pools
        for (var i = 0; i < reps; i++)
        {
            var output = await Wrk(port, script, seconds);
            runs.Add((double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture), Latency(output, "50"), Latency(output, "99")));
        }
        return (Median(runs.Select(r => r.Item1)), Median(runs.Select(r => r.Item2)), Median(runs.Select(r => r.Item3)));
    }

    static async Task<string> Wrk(int port, string script, int seconds)
    {
        using var wrk = Start("wrk", ["-t2", "-c32", $"-d{seconds}s", "--latency", "-s", script, $"http://127.0.0.1:{port}/v1/predict"], [], capture: true);
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (output.Contains("Non-2xx", StringComparison.Ordinal)) throw new InvalidOperationException($"the server answered errors under load:\n{output}");
        return output;
    }

    /// <summary>wrk prints "50%  123.00us" (or ms, s): in milliseconds.</summary>
    static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s+{percentile}(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    static async Task<string> FirstExampleRowAsync(string layout, string reference)
    {
        var package = await Runtime.Packaging.ModelPackage.LoadAsync(layout, reference, CancellationToken.None);
        return package.ReadExample().Inputs[0].GetRawText();
    }

    static Process Start(string file, string[] args, Dictionary<string, string> environment, bool capture = false)
    {
        var start = new ProcessStartInfo(file, args) { UseShellExecute = false, RedirectStandardOutput = capture };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
    }

    static async Task WaitAsync(int port)
    {
        using var http = new HttpClient();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
            try { if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode == HttpStatusCode.OK) return; }
            catch (HttpRequestException) { }
        throw new InvalidOperationException($"nothing answered on port {port} within 60 s");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();
}
