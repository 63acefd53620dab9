using System.Diagnostics;
using System.Globalization;
using System.Text;
using Trainyard.Docker;

namespace Trainyard.Tests.Docker;

/// <summary>
/// The tests that need a Docker engine share one per test run (starting dockerd takes seconds), and the deployed
/// sample (<see cref="Deploy.DeploySample"/>: v1 trained, its server published and containerized), which the deploy
/// and the retrain tests both start from — built once, when the first of them asks.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DockerEngineCollection : ICollectionFixture<PrivateDockerEngine>, ICollectionFixture<Deploy.DeploySample>
{
    public const string Name = "Docker engine";
}

/// <summary>
/// The engine named by <c>TRAINYARD_TEST_DOCKER_HOST</c> when set; otherwise Debian's <c>dockerd</c> run here on a
/// private socket with its data root, exec root, pidfile and its own containerd under a temp folder, without
/// iptables or a bridge (containers use host or none networking). Stopped (SIGTERM, then SIGKILL) and removed on
/// dispose. A missing dockerd fails the tests with the command that installs it.
/// </summary>
public sealed class PrivateDockerEngine : IAsyncLifetime
{
    public const string DockerdPath = "/usr/sbin/dockerd";
    public const string ExternalVariable = "TRAINYARD_TEST_DOCKER_HOST";
    // overlay2 works in this sandbox (checked 2026-12); vfs, which copies whole layers, is the fallback where it does not.
    static readonly string[] StorageDrivers = ["overlay2", "vfs"];

    readonly StringBuilder _output = new();
    string? _directory;
    Process? _dockerd;
    DockerEngine? _engine;

    internal DockerEngine Engine => _engine ?? throw new InvalidOperationException("the Docker engine did not start");

    /// <summary>The data root of the engine started here (null for an external engine): tests look inside it.</summary>
    public string? DataRoot => _directory is null ? null : Path.Combine(_directory, "data");

    /// <summary>The storage driver of the engine started here (null for an external engine).</summary>
    public string? StorageDriver { get; private set; }

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        if (Environment.GetEnvironmentVariable(ExternalVariable) is { Length: > 0 } external)
        {
            _engine = await DockerEngine.ConnectAsync(new DockerHost(external), timeout.Token);
            return;
        }
        if (!File.Exists(DockerdPath))
            throw new InvalidOperationException(
                $"Debian's Docker engine is not installed ({DockerdPath} is missing): run .ci/run, or apt-get install docker.io, or set {ExternalVariable} to a running engine.");
        var failures = new StringBuilder();
        foreach (var driver in StorageDrivers)
        {
            if (await TryStartAsync(driver, timeout.Token)) return;
            failures.AppendLine(CultureInfo.InvariantCulture, $"--storage-driver {driver}:").AppendLine(Output);
            await StopAsync();
        }
        throw new InvalidOperationException($"dockerd did not start with any storage driver:\n{failures}");
    }

    async Task<bool> TryStartAsync(string driver, CancellationToken ct)
    {
        // Under /tmp, short: a Unix socket path must stay under 108 bytes, containerd's nested ones included.
        _directory = Directory.CreateTempSubdirectory("ty-dockerd-").FullName;
        var config = Path.Combine(_directory, "daemon.json");
        await File.WriteAllTextAsync(config, "{}", ct); // not the machine's /etc/docker/daemon.json
        var socket = Path.Combine(_directory, "docker.sock");
        var start = new ProcessStartInfo(DockerdPath,
        [
            "--host", "unix://" + socket, "--config-file", config,
            "--data-root", Path.Combine(_directory, "data"), "--exec-root", Path.Combine(_directory, "exec"),
            "--pidfile", Path.Combine(_directory, "dockerd.pid"),
            "--iptables=false", "--ip6tables=false", "--bridge=none", "--storage-driver", driver, "--log-level", "warn",
        ])
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        lock (_output) _output.Clear();
        _dockerd = Process.Start(start) ?? throw new InvalidOperationException($"could not start {DockerdPath}");
        _dockerd.OutputDataReceived += (_, e) => Keep(e.Data);
        _dockerd.ErrorDataReceived += (_, e) => Keep(e.Data);
        _dockerd.BeginOutputReadLine();
        _dockerd.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !_dockerd.HasExited)
        {
            try
            {
                _engine = await DockerEngine.ConnectAsync(new DockerHost("unix://" + socket), ct);
                StorageDriver = driver;
                return true;
            }
            catch (DockerException) { await Task.Delay(100, ct); }
        }
        return false;
    }

    /// <summary>What dockerd printed (warnings and errors), for failure messages.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) if (_output.Length < 64_000) _output.AppendLine(line);
    }

    async Task StopAsync()
    {
        _engine?.Dispose();
        _engine = null;
        if (_dockerd is { } dockerd)
        {
            // dockerd's own containerd: read before dockerd goes, to kill it if it outlives dockerd.
            var containerd = ReadPid(Path.Combine(_directory!, "exec", "containerd", "containerd.pid"));
            if (!dockerd.HasExited) await SignalAsync(dockerd.Id, "TERM");
            using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
            {
                try { await dockerd.WaitForExitAsync(grace.Token); }
                catch (OperationCanceledException) { dockerd.Kill(entireProcessTree: true); await dockerd.WaitForExitAsync(); }
            }
            if (containerd is { } pid && IsContainerd(pid)) await SignalAsync(pid, "KILL");
            dockerd.Dispose();
            _dockerd = null;
        }
        if (_directory is not null) RemoveDirectory(_directory);
        _directory = null;
    }

    public Task DisposeAsync() => StopAsync();

    static int? ReadPid(string file) =>
        File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;

    // Only a process that is still our containerd (a pid may have been reused by the time we look).
    static bool IsContainerd(int pid) =>
        File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("containerd", StringComparison.Ordinal);

    static async Task SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        await kill!.WaitForExitAsync();
    }

    // overlay2 leaves mounts under the data root if dockerd was killed; unmount before deleting.
    static void RemoveDirectory(string directory)
    {
        foreach (var mount in File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')[1]).Where(m => m.StartsWith(directory, StringComparison.Ordinal)).Reverse())
        {
            using var umount = Process.Start("umount", ["-l", mount]);
            umount?.WaitForExit();
        }
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
