using System.Text.Json;
using Trainyard.Targets;

namespace Trainyard.Tests.Targets;

public sealed class UpToDate : IDisposable
{
    private readonly BuildHarness _harness = new();

    public UpToDate() => _harness.Write("pipelines/credit-risk.yml", "name: credit-risk\n");

    public void Dispose() => _harness.Dispose();

    private async Task<(TargetOutcome Outcome, SampleBuild Build)> ValidateData(params string[] args)
    {
        var build = new SampleBuild();
        var result = await _harness.RunAsync(build, ["ValidateData", .. args]);
        Assert.True(result.ExitCode == 0, _harness.Output);
        return (result.Of("ValidateData"), build);
    }

    [Fact]
    public async Task AnUnchangedTargetWithItsOutputsIsUpToDateAndNotExecuted()
    {
        var (first, _) = await ValidateData();
        Assert.Equal(TargetStatus.Succeeded, first.Status);
        Assert.Contains("Running: no previous run recorded", _harness.Output);

        var (second, build) = await ValidateData();
        Assert.Equal(TargetStatus.UpToDate, second.Status);
        Assert.Empty(build.Ran);
        Assert.Contains("Up to date", _harness.Output);
    }

    [Fact]
    public async Task AChangedInputRunsAgainAndSaysWhichInput()
    {
        await ValidateData();
        _harness.Write("pipelines/credit-risk.yml", "name: credit-risk\nrounds: 3\n");

        var (outcome, _) = await ValidateData();
        Assert.Equal(TargetStatus.Succeeded, outcome.Status);
        Assert.Contains("Running: input pipelines/credit-risk.yml changed", _harness.Output);
    }

    [Fact]
    public async Task AMissingOutputRunsAgain()
    {
        await ValidateData();
        File.Delete(Path.Combine(_harness.Root, "artifacts/x/validation.json"));

        await ValidateData();
        Assert.Contains("Running: output artifacts/x/validation.json is missing", _harness.Output);
    }

    [Fact]
    public async Task AChangedParameterRunsAgainButASecretDoesNot()
    {
        await ValidateData();
        _harness.Environment["TRAINYARD_REGISTRY_TOKEN"] = "rotated";
        Assert.Equal(TargetStatus.UpToDate, (await ValidateData()).Outcome.Status);

        await ValidateData("--rounds", "7");
        Assert.Contains("Running: parameter Rounds changed", _harness.Output);
    }

    [Fact]
    public async Task ForceRunsAnUpToDateTarget()
    {
        await ValidateData();
        var (outcome, build) = await ValidateData("--force");

        Assert.Equal(TargetStatus.Succeeded, outcome.Status);
        Assert.Equal(["ValidateData"], build.Ran);
        Assert.Contains("Running: --force given", _harness.Output);
    }

    [Fact]
    public async Task ATargetWithoutOutputsAlwaysRuns()
    {
        await _harness.RunAsync(new SampleBuild(), "Train");
        var result = await _harness.RunAsync(new SampleBuild(), "Train");

        Assert.Equal(TargetStatus.Succeeded, result.Of("Train").Status);
        Assert.Contains("Running: declares no outputs", _harness.Output);
    }

    [Fact]
    public async Task ADirectoryInputNamesTheFileThatChanged()
    {
        _harness.Write("data/a.csv", "x\n1\n");
        _harness.Write("data/nested/b.csv", "y\n2\n");
        await _harness.RunAsync(new ProfileBuild(), "Profile");
        Assert.Equal(TargetStatus.UpToDate, (await _harness.RunAsync(new ProfileBuild(), "Profile")).Of("Profile").Status);

        _harness.Write("data/nested/b.csv", "y\n3\n");
        await _harness.RunAsync(new ProfileBuild(), "Profile");
        Assert.Contains("Running: input data/nested/b.csv changed", _harness.Output);
    }

    [Fact]
    public async Task EachSetOfOutputsKeepsItsOwnStateAndStoresPerInputHashes()
    {
        _harness.Write("data/a.csv", "x\n1\n");
        await _harness.RunAsync(new ProfileBuild(), "Profile", "--dataset", "credit");
        await _harness.RunAsync(new ProfileBuild(), "Profile", "--dataset", "churn");
        var again = await _harness.RunAsync(new ProfileBuild(), "Profile", "--dataset", "credit");

        Assert.Equal(TargetStatus.UpToDate, again.Of("Profile").Status);
        var states = Directory.GetFiles(Path.Combine(_harness.Root, ".trainyard", "state"));
        Assert.Equal(2, states.Length);
        Assert.All(states, s => Assert.Matches(@"Profile-[0-9a-f]{12}\.json$", s));
        using var state = JsonDocument.Parse(File.ReadAllText(states[0]));
        Assert.Equal(64, state.RootElement.GetProperty("Inputs").GetProperty("data/a.csv").GetString()!.Length);
    }

    [Fact]
    public void AChangedToolVersionIsTheReasonToRun()
    {
        var current = Fingerprint.Compute(_harness.Root, "new", [], ["pipelines/credit-risk.yml"]);
        var previous = new TargetState("old-hash", "old", current.Parameters, current.Inputs, []);

        Assert.Equal("tool version changed", UpToDateCheck.WhyRun(previous, current, [], _harness.Root));
        Assert.Null(UpToDateCheck.WhyRun(previous with { ToolVersion = "new", Fingerprint = current.Hash }, current, [], _harness.Root));
    }

    [Fact]
    public void TheToolVersionCoversTrainyardAndTheBuildAssembly()
    {
        var version = Fingerprint.ToolVersionOf(typeof(SampleBuild));

        Assert.Contains(typeof(TrainyardBuild).Assembly.ManifestModule.ModuleVersionId.ToString("N"), version);
        Assert.Contains(typeof(SampleBuild).Assembly.ManifestModule.ModuleVersionId.ToString("N"), version);
    }

    private sealed class ProfileBuild : TrainyardBuild
    {
        [Parameter] public string Dataset = "credit";

        public Target Profile => _ => _
            .Inputs(() => ["data"])
            .Outputs(() => [$"artifacts/{Dataset}/profile.json"])
            .Executes(() =>
            {
                var path = Path.Combine(Context.ArtifactsDirectory, Dataset, "profile.json");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, "{}");
            });
    }
}
