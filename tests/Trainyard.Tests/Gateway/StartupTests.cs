namespace Trainyard.Tests.Gateway;

/// <summary>Bad settings are listed all at once with exit 2; --help and --probe answer without serving.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task EveryBadSettingIsListedAndTheExitCodeIs2()
    {
        var (exitCode, output) = await GatewayProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["TRAINYARD_GATEWAY_URLS"] = "localhost-8080",
            ["TRAINYARD_GATEWAY_SEED"] = "abc",
            ["TRAINYARD_GATEWAY_STATE_FILE"] = "/no/such/folder/state.json",
            ["TRAINYARD_GATEWAY_TOKEN"] = "two words",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("TRAINYARD_GATEWAY_URLS='localhost-8080'", output);
        Assert.Contains("TRAINYARD_GATEWAY_SEED='abc'", output);
        Assert.Contains("TRAINYARD_GATEWAY_STATE_FILE=/no/such/folder/state.json", output);
        Assert.Contains("TRAINYARD_GATEWAY_TOKEN contains white space", output);
        Assert.DoesNotContain("two words", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task AnInvalidStateFileIsNamed()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, """{"stable": null, "canary_weight": 140}""");
            var (exitCode, output) = await GatewayProcess.RunToExitAsync(new Dictionary<string, string?> { ["TRAINYARD_GATEWAY_STATE_FILE"] = file });
            Assert.Equal(2, exitCode);
            Assert.Contains($"TRAINYARD_GATEWAY_STATE_FILE={file}: canary_weight: 140 is outside 0–100", output);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task TheProbeAsksHealthzOnTheGatewaysOwnPort()
    {
        await using var gateway = await GatewayProcess.StartAsync();
        var (passed, said) = await GatewayProcess.RunToExitAsync(new Dictionary<string, string?> { ["TRAINYARD_GATEWAY_URLS"] = $"http://0.0.0.0:{gateway.Url.Port}" }, "--probe");
        Assert.Equal(0, passed);
        Assert.Contains($"http://127.0.0.1:{gateway.Url.Port}/healthz: 200", said);

        var closed = Registry.Distribution.RegistryServer.FreePort();
        var (failed, _) = await GatewayProcess.RunToExitAsync(new Dictionary<string, string?>(), "--probe", $"http://127.0.0.1:{closed}/healthz");
        Assert.Equal(1, failed);
        var (help, usage) = await GatewayProcess.RunToExitAsync(new Dictionary<string, string?>(), "--help");
        Assert.Equal(0, help);
        Assert.Contains("TRAINYARD_GATEWAY_TOKEN", usage);
    }

    [Fact]
    public async Task StartedInTheRootFolderItWatchesNoFiles()
    {
        // A container without WORKDIR starts the gateway in /: a content root there, watched for appsettings.json,
        // meant an inotify watch on every folder of the container (/sys, /proc…), 0.2–0.7 s before it answered.
        await using var gateway = await GatewayProcess.StartInAsync("/");

        var output = await gateway.OutputOnceItSaysAsync("Content root path:");
        Assert.Contains($"Content root path: {GatewayProcess.ProgramFolder}", output);
        var inotify = Directory.GetFiles($"/proc/{gateway.ProcessId}/fd")
            .Count(fd => new FileInfo(fd).LinkTarget == "anon_inode:inotify");
        Assert.Equal(0, inotify);
    }
}
