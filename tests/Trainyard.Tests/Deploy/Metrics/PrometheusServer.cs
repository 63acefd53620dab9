using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Trainyard.Deploy.Metrics;
using Trainyard.Tests.Registry.Distribution;

namespace Trainyard.Tests.Deploy.Metrics;

/// <summary>
/// Debian's Prometheus run here (never the system service): on 127.0.0.1 at a free port, storage in a temp folder,
/// a generated config scraping the given <c>/metrics</c> URLs every second. Killed and removed on dispose. A missing
/// binary fails the test with the command that installs it.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    public const string BinaryPath = "/usr/bin/prometheus";
    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    readonly StringBuilder _output = new();
    readonly Process _process;
    readonly string _directory;
    readonly int _targets;

    PrometheusServer(Process process, string directory, Uri url, int targets)
    {
        _process = process;
        _directory = directory;
        _targets = targets;
        Url = url;
    }

    public Uri Url { get; }
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts Prometheus scraping <paramref name="targets"/> (each an http URL of a <c>/metrics</c> path) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(params Uri[] targets)
    {
        if (!File.Exists(BinaryPath))
            throw new InvalidOperationException($"Debian's Prometheus is not installed ({BinaryPath} is missing): run .ci/run, or apt-get install prometheus.");
        var directory = Directory.CreateTempSubdirectory("ty-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, Config(targets));
        var url = new Uri($"http://127.0.0.1:{RegistryServer.FreePort()}");
        var start = new ProcessStartInfo(BinaryPath,
        [
            "--config.file", config, "--storage.tsdb.path", Path.Combine(directory, "data"),
            "--web.listen-address", $"127.0.0.1:{url.Port}", "--log.level", "warn",
        ])
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var server = new PrometheusServer(Process.Start(start) ?? throw new InvalidOperationException($"could not start {BinaryPath}"), directory, url, targets.Length);
        server._process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try { await server.WaitUntilReadyAsync(); }
        catch { await server.DisposeAsync(); throw; }
        return server;
    }

    // One job per target, so each keeps its own metrics path.
    static string Config(IEnumerable<Uri> targets)
    {
        var text = new StringBuilder($"global:\n  scrape_interval: {ScrapeInterval.TotalSeconds}s\n  scrape_timeout: {ScrapeInterval.TotalSeconds}s\nscrape_configs:\n");
        var n = 0;
        foreach (var target in targets)
            text.Append(CultureInfo.InvariantCulture, $"  - job_name: target{n++}\n    metrics_path: {target.AbsolutePath}\n    static_configs:\n      - targets: ['{target.Authority}']\n");
        return text.ToString();
    }

    async Task WaitUntilReadyAsync()
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            if (_process.HasExited) throw new InvalidOperationException($"Prometheus exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await Http.GetAsync(new Uri(Url, "/-/ready"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
        }
        throw new InvalidOperationException($"Prometheus did not become ready on {Url} within 30 s:\n{Output}");
    }

    /// <summary>Waits until every target has been scraped successfully at or after <paramref name="moment"/>: what happened before it is in Prometheus.</summary>
    public async Task WaitForScrapesAfterAsync(DateTimeOffset moment)
    {
        // timestamp() of a selector is the sample's scrape time (of an expression like "up == 1" it is the query's).
        var after = (moment.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
        var query = $"count((timestamp(up) >= {after}) and on (job, instance) (up == 1))";
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var result = await PrometheusQuery.InstantAsync(Http, Url, query, DateTimeOffset.UtcNow, CancellationToken.None);
            if (result.Count == 1 && result[0].Value >= _targets) return;
        }
        throw new InvalidOperationException($"Prometheus did not scrape all {_targets} targets after {moment:O} within 15 s:\n{Output}");
    }

    void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) if (_output.Length < 64_000) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(); await _process.WaitForExitAsync(); }
        _process.Dispose();
        Http.Dispose();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
