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
    public async Task OnlyTheParametersATargetUsesAreInItsFingerprint()
    {
        _harness.Write("pipelines/churn.yml", "name: churn\n");
        await ValidateData();
        _harness.Environment["TRAINYARD_REGISTRY_TOKEN"] = "rotated";
        Assert.Equal(TargetStatus.UpToDate, (await ValidateData()).Outcome.Status);
        // Rounds is a parameter of the build, but ValidateData does not declare it: another target's business.
        Assert.Equal(TargetStatus.UpToDate, (await ValidateData("--rounds", "7")).Outcome.Status);

        await ValidateData("--pipeline", "pipelines/churn.yml");
        Assert.Contains("Running: parameter Pipeline changed", _harness.Output);
    }

    [Fact]
    public async Task ADeclaredValueRunsTheTargetAgainWhenItChangesAndSaysWhich()
    {
        var build = new ValueBuild { Section = "max_depth: 6" };
        await _harness.RunAsync(build, "Fit");
        Assert.Equal(TargetStatus.UpToDate, (await _harness.RunAsync(new ValueBuild { Section = "max_depth: 6" }, "Fit")).Of("Fit").Status);

        var changed = await _harness.RunAsync(new ValueBuild { Section = "max_depth: 4" }, "Fit");
        Assert.Equal(TargetStatus.Succeeded, changed.Of("Fit").Status);
        Assert.Contains("Running: the spec's training section changed", _harness.Output);
        // Stored as a hash, not as the text.
        var state = File.ReadAllText(Directory.GetFiles(Path.Combine(_harness.Root, ".trainyard", "state"))[0]);
        Assert.DoesNotContain("max_depth", state);
    }

    [Fact]
    public async Task ASecretCannotBePartOfAFingerprint()
    {
        var result = await _harness.RunAsync(new SecretUsingBuild(), "Fit");

        Assert.Equal(TargetStatus.Failed, result.Of("Fit").Status);
        Assert.Contains("declares Uses(() => Token), a secret", _harness.Output);
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
        Assert.Contains("Running: it declares no outputs, so Trainyard cannot tell whether it is up to date", _harness.Output);
    }

    [Fact]
    public async Task ATargetThatMustAlwaysRunSaysWhyEvenWhenItsFingerprintIsUnchanged()
    {
        _harness.Write("data/a.csv", "x\n1\n");
        var build = new ExternalBuild();
        await _harness.RunAsync(build, "Image");
        var again = await _harness.RunAsync(build, "Image");

        Assert.Equal(TargetStatus.Succeeded, again.Of("Image").Status);
        Assert.Equal(2, build.Images);
        Assert.Contains("Running: the image lives in the Docker engine, which Trainyard does not fingerprint", _harness.Output);
    }

    [Fact]
    public async Task ATargetWhoseResultLivesElsewhereIsUpToDateWhenItsOwnCheckSaysSo()
    {
        var build = new ExternalBuild();
        var first = await _harness.RunAsync(build, "Publish");
        Assert.Equal(TargetStatus.Succeeded, first.Of("Publish").Status);
        Assert.Contains("Running: the registry does not hold this content yet", _harness.Output);

        var second = await _harness.RunAsync(build, "Publish");
        Assert.Equal(TargetStatus.UpToDate, second.Of("Publish").Status);
        Assert.Contains("Up to date: v1 already holds this content", _harness.Output);
        Assert.Equal(1, build.Published);

        var forced = await _harness.RunAsync(build, "Publish", "--force");
        Assert.Equal(TargetStatus.Succeeded, forced.Of("Publish").Status);
        Assert.Equal(2, build.Published);
    }

    [Fact]
    public async Task ATargetThatAlwaysRunsOnlyWhileAConditionHoldsIsOtherwiseUpToDate()
    {
        _harness.Write("data/a.csv", "x\n1\n");
        var build = new ExternalBuild();
        await _harness.RunAsync(build, "Comment");
        Assert.Equal(TargetStatus.UpToDate, (await _harness.RunAsync(build, "Comment")).Of("Comment").Status);

        build.InPullRequest = true;
        Assert.Equal(TargetStatus.Succeeded, (await _harness.RunAsync(build, "Comment")).Of("Comment").Status);
        Assert.Contains("Running: in a pull request the comment is posted, and GitHub is not fingerprinted", _harness.Output);
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
        var current = Fingerprint.Compute(_harness.Root, "new", [], [], ["pipelines/credit-risk.yml"]);
        var previous = new TargetState("old-hash", "old", current.Parameters, current.Values, current.Inputs, []);

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

    private sealed class ValueBuild : TrainyardBuild
    {
        public string Section { get; init; } = "";

        public Target Fit => _ => _
            .Uses("the spec's training section", () => Section)
            .Outputs(() => ["artifacts/fit.txt"])
            .Executes(() =>
            {
                Directory.CreateDirectory(Context.ArtifactsDirectory);
                File.WriteAllText(Path.Combine(Context.ArtifactsDirectory, "fit.txt"), "fit");
            });
    }

    private sealed class SecretUsingBuild : TrainyardBuild
    {
        [Parameter, Secret] public string? Token = "t0ken";

        public Target Fit => _ => _.Uses(() => Token).Outputs(() => ["artifacts/fit.txt"]).Executes(() => { });
    }

    private sealed class ExternalBuild : TrainyardBuild
    {
        public int Images, Published;
        public bool InPullRequest;

        public Target Image => _ => _
            .Inputs(() => ["data"])
            .Outputs(() => ["artifacts/image-id.txt"])
            .AlwaysRuns("the image lives in the Docker engine, which Trainyard does not fingerprint")
            .Executes(() => { Images++; WriteArtifact("image-id.txt"); });

        public Target Publish => _ => _
            .UpToDateWhen(_ => Task.FromResult(Published > 0 ? $"v{Published} already holds this content" : null), otherwise: "the registry does not hold this content yet")
            .Executes(() => Published++);

        public Target Comment => _ => _
            .Inputs(() => ["data"])
            .Outputs(() => ["artifacts/comment.md"])
            .AlwaysRunsWhen("in a pull request the comment is posted, and GitHub is not fingerprinted", () => InPullRequest)
            .Executes(() => WriteArtifact("comment.md"));

        private void WriteArtifact(string name)
        {
            Directory.CreateDirectory(Context.ArtifactsDirectory);
            File.WriteAllText(Path.Combine(Context.ArtifactsDirectory, name), "x");
        }
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
