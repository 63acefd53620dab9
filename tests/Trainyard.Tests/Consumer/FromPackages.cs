using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Trainyard.Containers;
using Trainyard.Runtime.Packaging;
using Trainyard.Tests.Docker;
using Trainyard.Tests.Pipelines;

namespace Trainyard.Tests.Consumer;

/// <summary>
/// A team's repository that adds Trainyard from packages, as the README's first section says, and runs the chain from
/// data to a container image with nothing of this repository on its paths.
/// </summary>
[Collection(DockerEngineCollection.Name)]
public sealed class FromPackages(PackedTrainyard packed, PrivateDockerEngine docker) : IClassFixture<PackedTrainyard>
{
    [Fact]
    public async Task ARepositoryRunsTheChainToAServedImageFromThePackagesAlone()
    {
        var repo = await packed.NewRepositoryAsync("chain", "churn");
        foreach (var file in Directory.EnumerateFiles(repo.Root, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.git/") && !f.EndsWith(".csv")))
            Assert.DoesNotContain(RepositoryRoot.Path, File.ReadAllText(file));

        (await repo.BuildAsync("InferSchema")).Succeeds();
        Assert.True(File.Exists(Path.Combine(repo.Root, "pipelines/churn.schema.yml")));
        // The build runs the Trainyard it restored from the feed: the package's version, not this checkout's.
        var trainyard = Path.Combine(repo.Root, "build/bin/Release/net10.0/Trainyard.dll");
        Assert.Equal(packed.Version, FileVersionInfo.GetVersionInfo(trainyard).ProductVersion?.Split('+')[0]);

        var train = (await repo.BuildAsync("Train")).Succeeds();
        Assert.Contains("Trained xgboost", train.Output);
        var again = (await repo.BuildAsync("Train")).Succeeds();
        Assert.True(Regex.IsMatch(again.Output, @"│ Train\s+│ Up to date"), again.Output);

        (await repo.BuildAsync("Evaluate")).Succeeds();
        Assert.True(File.Exists(Path.Combine(repo.Root, "artifacts/churn/metrics.json")));
        var package = (await repo.BuildAsync("Package")).Succeeds();
        Assert.Contains("Published churn:v1", package.Output);

        var baseImage = await TestBaseImage.EnsureAsync(docker.Engine, CancellationToken.None);
        var containerize = (await repo.BuildAsync("Containerize", "--base-image", baseImage, "--docker-host", docker.Engine.Host.Address)).Succeeds();
        Assert.Contains("Tagged trainyard/churn:v1", containerize.Output);
        // The server in the image was published from the Trainyard.Serving package of the same version.
        var host = Directory.GetFiles(Path.Combine(repo.Root, "artifacts/churn/containerize"), "*.csproj", SearchOption.AllDirectories).Single(f => !f.Contains("/build/"));
        Assert.Contains($"<PackageReference Include=\"Trainyard.Serving\" Version=\"[{packed.Version}]\"", File.ReadAllText(host));

        // Independently of Containerize's own smoke test: the image answers the package's example rows as stored.
        var example = (await ModelPackage.LoadAsync(Path.Combine(repo.Root, ".trainyard/registry/churn"), "v1", CancellationToken.None)).ReadExample();
        await using var server = await ServingContainer.StartAsync(docker.Engine, "trainyard/churn:v1", new ServingContainerOptions(), CancellationToken.None);
        using var response = await server.Http.PostAsJsonAsync("/v1/predict", example.Inputs);
        response.EnsureSuccessStatusCode();
        var answers = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(example.Outputs.Count, answers.Count);
        for (var i = 0; i < answers.Count; i++)
            foreach (var (label, expected) in example.Outputs[i].Probabilities!)
                Assert.Equal(expected, answers[i].GetProperty("probabilities").GetProperty(label).GetDouble(), 1e-6);
    }

    /// <summary>The template's workflows, with the team's pipeline name put in, are what the team's own build generates.</summary>
    [Fact]
    public async Task ANewRepositorysWorkflowsAreWhatItsBuildGenerates()
    {
        var repo = await packed.NewRepositoryAsync("workflows", "churn");

        var check = (await repo.BuildAsync("Workflows", "--check")).Succeeds();

        Assert.Contains("3 workflow(s) in .github/workflows are what the build generates", check.Output);
        Assert.Contains("artifacts/churn/model.json", repo.Read(".github/workflows/pull-request.yml"));
    }

    /// <summary>
    /// The Trainyard package's buildTransitive targets precompile a template-made build (ReadyToRun), as they do this
    /// repository's own; TrainyardReadyToRun=false in the environment builds plain IL, as the README says.
    /// </summary>
    [Fact]
    public async Task ABuildMadeFromTheTemplateIsPrecompiledUnlessTurnedOff()
    {
        var repo = await packed.NewRepositoryAsync("precompiled", "churn");
        var output = Path.Combine(repo.Root, "build/bin/Release/net10.0");

        (await repo.BuildAsync("--help")).Succeeds();

        foreach (var assembly in new[] { "_build", "Trainyard", "Trainyard.Engine", "YamlDotNet" })
            Assert.True(IsReadyToRun(Path.Combine(output, $"{assembly}.dll")), $"{assembly}.dll is not precompiled");
        Assert.False(IsReadyToRun(Path.Combine(output, "Octokit.dll")), "a package no target starts with was precompiled too");

        (await ChildProcess.RunAsync(repo.Root, Path.Combine(repo.Root, "build.sh"), ["--help"],
            new Dictionary<string, string> { ["TrainyardReadyToRun"] = "false", ["TRAINYARD_ALWAYS_BUILD"] = "1" })).Succeeds();

        Assert.False(IsReadyToRun(Path.Combine(output, "Trainyard.dll")), "TrainyardReadyToRun=false still precompiled Trainyard.dll");
    }

    /// <summary>A ReadyToRun image carries a managed native header; an IL-only assembly does not.</summary>
    static bool IsReadyToRun(string assembly)
    {
        using var reader = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly));
        return reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    [Fact]
    public async Task PackagesOfTwoReleasesStopTheBuildAtStartNamingBothVersions()
    {
        await packed.PackLaterRuntimeAsync();
        var repo = await packed.NewRepositoryAsync("mixed", "churn");
        // NuGet allows it: a newer Trainyard.Runtime pinned beside the Trainyard that brought an older one.
        var project = repo.Read("build/_build.csproj");
        repo.Write("build/_build.csproj", project.Replace("<PackageReference Include=\"Trainyard\"",
            $"<PackageReference Include=\"Trainyard.Runtime\" Version=\"{packed.LaterVersion}\" />\n    <PackageReference Include=\"Trainyard\""));

        var result = await repo.BuildAsync("--help");

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains("Trainyard's packages disagree in version", result.Output);
        Assert.Contains($"Trainyard {packed.Version}", result.Output);
        Assert.Contains($"Trainyard.Runtime {packed.LaterVersion}", result.Output);
        Assert.DoesNotContain("   at ", result.Output);
    }

    [Fact]
    public async Task BuildPs1RunsTheBuildUnderPowerShell()
    {
        var repo = await packed.NewRepositoryAsync("powershell", "churn");

        (await ChildProcess.RunAsync(repo.Root, PowerShell.Path, ["./build.ps1", "InferSchema"])).Succeeds();
        var train = (await ChildProcess.RunAsync(repo.Root, PowerShell.Path, ["./build.ps1", "Train"])).Succeeds();

        Assert.Contains("Trained xgboost", train.Output);
        Assert.True(Regex.IsMatch(train.Output, @"│ Train\s+│ Succeeded"), train.Output);
        Assert.True(File.Exists(Path.Combine(repo.Root, "artifacts/churn/model.json")));
    }

    [Fact]
    public async Task ABuildChangesSettingsThroughHooksAndTrainsWithItsOwnTrainer()
    {
        var repo = await packed.NewRepositoryAsync("customised", "churn");
        repo.Write("build/Build.cs", """
            using Trainyard.Components;
            using Trainyard.Reporting;
            using Trainyard.Targets;
            using Trainyard.Training;

            class Build : TrainyardBuild, IInferSchema, IComment, IContainerize
            {
                public static int Main(string[] args) => Execute<Build>(args);

                Configure<TrainingSettings> ITrain.TrainingSettings => s => s.WithTrainer(new ConstantTrainer());

                Configure<ReportSettings> IReport.ReportSettings => s => s with { Title = "Churn, by the retention team" };
            }
            """);
        // The tests' own constant trainer, compiled in the consumer's build: it uses only what Trainyard makes public.
        repo.Write("build/ConstantTrainer.cs", File.ReadAllText(RepositoryRoot.File("tests/Trainyard.Tests/Components/ConstantTrainer.cs"))
            .Replace("namespace Trainyard.Tests.Components;", "using Trainyard;"));
        repo.EditSpec(spec => spec.Replace("training:\n", "training:\n  trainer: constant\n"));

        (await repo.BuildAsync("InferSchema")).Succeeds();
        var report = await repo.BuildAsync("Report");

        // A constant score ranks nothing: AUC 0.5 by definition, so the template's auc >= 0.70 gate fails, and Report
        // still runs after the failed gate.
        Assert.True(report.ExitCode == 1, report.Output);
        Assert.Contains("auc", report.Output);
        using var run = JsonDocument.Parse(repo.Read("artifacts/churn/run.json"));
        Assert.Equal("constant", run.RootElement.GetProperty("parameters").GetProperty("trainer").GetString());
        using var metrics = JsonDocument.Parse(repo.Read("artifacts/churn/metrics.json"));
        Assert.Equal(0.5, metrics.RootElement.GetProperty("binary").GetProperty("auc").GetDouble(), 9);
        Assert.Contains("<title>Churn, by the retention team", repo.Read("artifacts/churn/report.html"));
    }
}

/// <summary>PowerShell 7 as .ci/run installs it: the NuGet global tool (dotnet tool install --global PowerShell).</summary>
internal static class PowerShell
{
    public static string Path { get; } = Find();

    static string Find()
    {
        var tool = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "pwsh");
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, "pwsh")).FirstOrDefault(File.Exists);
        return onPath ?? (File.Exists(tool) ? tool
            : throw new InvalidOperationException("PowerShell (pwsh) is not installed: run .ci/run, or dotnet tool install --global PowerShell --version 7.6.10"));
    }
}
