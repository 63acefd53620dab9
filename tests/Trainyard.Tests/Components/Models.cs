using Trainyard.Targets;

namespace Trainyard.Tests.Components;

public sealed class Models
{
    [Fact]
    public async Task AnEmptyRegistrySaysHowToPublishAVersion()
    {
        using var repo = new SampleRepository();

        var result = await repo.RunAsync("Models", "--registry", "models/local");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("credit-risk has no versions in models/local yet: run ./build.sh Package", repo.Output.Replace('\\', '/'));
    }

    [Fact]
    public async Task ATimeThatIsNotATimeIsAUsageError()
    {
        using var repo = new SampleRepository();

        var result = await repo.RunAsync("Models", "--at", "last tuesday");

        Assert.Equal(BuildResult.UsageError, result.ExitCode);
        Assert.Contains("--at 'last tuesday' is not a time: write it as 2026-11-01T12:00Z", repo.Output);
    }

    [Fact]
    public async Task HelpListsTheRegistryTargetsAndNeverPrintsASecret()
    {
        using var repo = new SampleRepository();
        repo.Environment["TRAINYARD_REGISTRY_PASSWORD"] = "hunter2-registry";

        await repo.RunAsync("--help");

        foreach (var target in new[] { "Package", "Models", "Promote", "CollectGarbage" }) Assert.Contains($"  {target} ", repo.Output);
        Assert.Contains("--registry ", repo.Output);
        Assert.Contains(".trainyard/registry (default)", repo.Output);
        Assert.Contains("unset (secret; set TRAINYARD_REGISTRY_TOKEN)", repo.Output);
        Assert.Contains("set (secret; environment TRAINYARD_REGISTRY_PASSWORD)", repo.Output);
        Assert.DoesNotContain("hunter2-registry", repo.Output);
    }

    [Fact]
    public async Task ASecretOnTheCommandLineIsRefused()
    {
        using var repo = new SampleRepository();

        var result = await repo.RunAsync("Models", "--registry-token", "abc");

        Assert.Equal(BuildResult.UsageError, result.ExitCode);
        Assert.Contains("set the environment variable TRAINYARD_REGISTRY_TOKEN instead", repo.Output);
    }
}
