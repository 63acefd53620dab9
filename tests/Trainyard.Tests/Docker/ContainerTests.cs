using System.Diagnostics;
using Trainyard.Docker;

namespace Trainyard.Tests.Docker;

[Collection(DockerEngineCollection.Name)]
public sealed class ContainerTests(PrivateDockerEngine docker)
{
    static readonly CancellationToken Ct = default;
    const string Loader = "/lib64/ld-linux-x86-64.so.2";
    DockerEngine Engine => docker.Engine;

    /// <summary>The base image plus the host's coreutils <c>sleep</c> (needs only libc): a process that runs until stopped.</summary>
    async Task<string> SleeperImageAsync()
    {
        var baseImage = await TestBaseImage.EnsureAsync(Engine, Ct);
        var sleep = await File.ReadAllBytesAsync("/usr/bin/sleep", Ct);
        await Engine.BuildImageAsync(new ImageBuild(["trainyard-test/sleeper:local"]), async (stream, ct) =>
        {
            await using var tar = new TarContext(stream);
            await tar.AddFileAsync("Dockerfile", System.Text.Encoding.UTF8.GetBytes($"FROM {baseImage}\nCOPY sleep /usr/bin/sleep\n"), ct: ct);
            await tar.AddFileAsync("sleep", sleep, 0b111_101_101, ct);
        }, _ => { }, Ct);
        return "trainyard-test/sleeper:local";
    }

    static Dictionary<string, string> RunLabel(out string label)
    {
        var run = Guid.NewGuid().ToString("N");
        label = $"org.trainyard.test.run={run}";
        return new() { ["org.trainyard.test.run"] = run };
    }

    [Fact]
    public async Task AContainerRunsToCompletionAndItsLogsAndExitCodeReadBack()
    {
        var image = await TestBaseImage.EnsureAsync(Engine, Ct);
        // Expected output from the same loader run on the host, outside any container.
        using var host = Process.Start(new ProcessStartInfo(Loader, ["--version"]) { RedirectStandardOutput = true })!;
        var expected = await host.StandardOutput.ReadToEndAsync(Ct);
        await host.WaitForExitAsync(Ct);

        var id = await Engine.CreateContainerAsync(new ContainerSpec(image) { Cmd = [Loader, "--version"], Labels = RunLabel(out _) }, Ct);
        try
        {
            await Engine.StartContainerAsync(id, Ct);
            Assert.Equal(0, await Engine.WaitContainerAsync(id, Ct));
            Assert.Equal(expected, await Engine.ContainerLogsAsync(id, Ct));
            var details = await Engine.InspectContainerAsync(id, Ct);
            Assert.Equal(id, details.Id);
            Assert.Equal(image, details.Image);
            Assert.Equal("exited", details.State.Status);
            Assert.False(details.State.Running);
        }
        finally { await Engine.RemoveContainerAsync(id, force: true, Ct); }
        await Engine.RemoveContainerAsync(id, force: true, Ct); // already gone: fine
    }

    [Fact]
    public async Task ARunningContainerIsListedByLabelAndStopEndsItAfterTheGracePeriod()
    {
        var image = await SleeperImageAsync();
        var name = $"ty-sleeper-{Guid.NewGuid():N}";
        var id = await Engine.CreateContainerAsync(new ContainerSpec(image) { Name = name, Cmd = ["/usr/bin/sleep", "300"], Labels = RunLabel(out var label) }, Ct);
        try
        {
            await Engine.StartContainerAsync(id, Ct);
            var running = await Engine.InspectContainerAsync(id, Ct);
            Assert.True(running.State.Running);
            Assert.True(running.State.Pid > 0);
            Assert.Equal(name, running.Name);
            var listed = Assert.Single(await Engine.ListContainersAsync(label, all: false, Ct));
            Assert.Equal((id, "running"), (listed.Id, listed.State));
            Assert.Contains(name, listed.Names);

            await Engine.StopContainerAsync(id, TimeSpan.FromSeconds(1), Ct);
            // sleep is PID 1 with no SIGTERM handler, so the kernel drops SIGTERM; the SIGKILL after the grace ends it: 128 + 9.
            Assert.Equal(137, await Engine.WaitContainerAsync(id, Ct));
            await Engine.StopContainerAsync(id, TimeSpan.FromSeconds(1), Ct); // already stopped (304): fine
            Assert.Empty(await Engine.ListContainersAsync(label, all: false, Ct));
            Assert.Equal("exited", Assert.Single(await Engine.ListContainersAsync(label, all: true, Ct)).State);
        }
        finally { await Engine.RemoveContainerAsync(id, force: true, Ct); }
        Assert.Empty(await Engine.ListContainersAsync(label, all: true, Ct));
    }

    [Fact]
    public async Task KillSendsTheSignalNamed()
    {
        var image = await SleeperImageAsync();
        var id = await Engine.CreateContainerAsync(new ContainerSpec(image) { Cmd = ["/usr/bin/sleep", "300"], AutoRemove = false }, Ct);
        try
        {
            await Engine.StartContainerAsync(id, Ct);
            await Engine.KillContainerAsync(id, "SIGKILL", Ct);
            Assert.Equal(137, await Engine.WaitContainerAsync(id, Ct)); // 128 + SIGKILL (9)
        }
        finally { await Engine.RemoveContainerAsync(id, force: true, Ct); }
    }

    [Fact]
    public async Task TheBaseImageRunsDotnetAsTheAppUserOnAReadOnlyRootFilesystem()
    {
        var image = await TestBaseImage.EnsureAsync(Engine, Ct);
        // The host's .NET, mounted read-only: its managed SDK code (--info) needs libstdc++, libgcc_s and the loader from the image.
        var spec = new ContainerSpec(image)
        {
            Cmd = ["/usr/share/dotnet/dotnet", "--info"],
            Env = ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp", "DOTNET_NOLOGO=1", "DOTNET_CLI_TELEMETRY_OPTOUT=1"],
            Binds = ["/usr/share/dotnet:/usr/share/dotnet:ro"],
            User = "app",
            ReadOnlyRootFilesystem = true,
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,size=64m" },
            NetworkMode = "none",
        };
        var id = await Engine.CreateContainerAsync(spec, Ct);
        try
        {
            await Engine.StartContainerAsync(id, Ct);
            var exit = await Engine.WaitContainerAsync(id, Ct);
            var logs = await Engine.ContainerLogsAsync(id, Ct);
            Assert.True(exit == 0, $"dotnet --info exited {exit}:\n{logs}");
            Assert.Contains("Runtime Environment:", logs); // printed by the SDK's managed code, so the runtime started
        }
        finally { await Engine.RemoveContainerAsync(id, force: true, Ct); }
    }

    [Fact]
    public async Task CreatingAContainerFromAnAbsentImageNamesTheImage()
    {
        var error = await Assert.ThrowsAsync<DockerException>(() =>
            Engine.CreateContainerAsync(new ContainerSpec("trainyard-test/absent:never"), Ct));
        Assert.StartsWith("docker create trainyard-test/absent:never: ", error.Message);
        Assert.Contains("No such image", error.Message);
        Assert.Equal(404, error.StatusCode);
    }
}
