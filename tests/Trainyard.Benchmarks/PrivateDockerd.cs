using System.Diagnostics;
using System.Globalization;
using Trainyard.Docker;

namespace Trainyard.Benchmarks;

/// <summary>
/// Debian's dockerd on a private socket, as tests/Trainyard.Tests/Docker/PrivateDockerEngine.cs runs it (same flags:
/// no iptables, no bridge, its own data root, exec root, pidfile and containerd under a short temp folder), for a
/// benchmark on a machine with no daemon running. Stopped (SIGTERM, then SIGKILL) and removed on dispose.
/// </summary>
internal sealed class PrivateDockerd : IAsyncDisposable
{
    const string DockerdPath = "/usr/sbin/dockerd";
    readonly string _directory;
    readonly Process _dockerd;

    PrivateDockerd(string directory, Process dockerd, DockerEngine engine) => (_directory, _dockerd, Engine) = (directory, dockerd, engine);

    public DockerEngine Engine { get; }

    public static async Task<PrivateDockerd> StartAsync(CancellationToken ct)
    {
        if (!File.Exists(DockerdPath))
            throw new InvalidOperationException($"Debian's Docker engine is not installed ({DockerdPath} is missing): apt-get install docker.io");
        // Under /tmp, short: a Unix socket path must stay under 108 bytes, containerd's nested ones included.
        var directory = Directory.CreateTempSubdirectory("ty-dockerd-").FullName;
        var config = Path.Combine(directory, "daemon.json");
        await File.WriteAllTextAsync(config, "{}", ct); // not the machine's /etc/docker/daemon.json
        var socket = "unix://" + Path.Combine(directory, "docker.sock");
        var dockerd = Process.Start(new ProcessStartInfo(DockerdPath,
        [
            "--host", socket, "--config-file", config,
            "--data-root", Path.Combine(directory, "data"), "--exec-root", Path.Combine(directory, "exec"),
            "--pidfile", Path.Combine(directory, "dockerd.pid"),
            "--iptables=false", "--ip6tables=false", "--bridge=none", "--storage-driver", "overlay2", "--log-level", "error",
        ]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        dockerd.OutputDataReceived += (_, _) => { };
        dockerd.ErrorDataReceived += (_, _) => { };
        dockerd.BeginOutputReadLine();
        dockerd.BeginErrorReadLine();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline && !dockerd.HasExited; await Task.Delay(100, ct))
            try { return new PrivateDockerd(directory, dockerd, await DockerEngine.ConnectAsync(new DockerHost(socket), ct)); }
            catch (DockerException) { }
        await Stop(directory, dockerd);
        throw new InvalidOperationException("dockerd did not answer within 30 s");
    }

    public ValueTask DisposeAsync()
    {
        Engine.Dispose();
        return new(Stop(_directory, _dockerd));
    }

    static async Task Stop(string directory, Process dockerd)
    {
        // dockerd's own containerd: read before dockerd goes, to kill it if it outlives dockerd.
        var pidFile = Path.Combine(directory, "exec", "containerd", "containerd.pid");
        int? containerd = File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;
        if (!dockerd.HasExited) await RunAsync("kill", "-TERM", dockerd.Id.ToString(CultureInfo.InvariantCulture));
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
            try { await dockerd.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { dockerd.Kill(entireProcessTree: true); await dockerd.WaitForExitAsync(); }
        if (containerd is { } id && File.Exists($"/proc/{id}/cmdline") && File.ReadAllText($"/proc/{id}/cmdline").StartsWith("containerd", StringComparison.Ordinal))
            await RunAsync("kill", "-KILL", id.ToString(CultureInfo.InvariantCulture));
        dockerd.Dispose();
        // overlay2 leaves mounts under the data root if dockerd was killed; unmount before deleting.
        foreach (var mount in File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')[1]).Where(m => m.StartsWith(directory, StringComparison.Ordinal)).Reverse())
            await RunAsync("umount", "-l", mount);
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    static async Task RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(file, args);
        await process.WaitForExitAsync();
    }
}
