using Trainyard.Tests.Consumer;
using Trainyard.Tests.Pipelines;
using Trainyard.Tests.Targets;

namespace Trainyard.Tests.Workflows;

/// <summary>
/// The workflows committed in this repository and in the template are what their builds generate: NUKE only warns
/// when they drift, these tests fail with the difference.
/// </summary>
public sealed class CommittedWorkflowsTests
{
    [Fact]
    public async Task ThisRepositorysWorkflowsAreWhatItsBuildGenerates()
    {
        var result = await ChildProcess.RunAsync(RepositoryRoot.Path, "bash", ["./build.sh", "Workflows", "--check"], timeout: TimeSpan.FromMinutes(8));

        Assert.True(result.ExitCode == 0, $"./build.sh Workflows --check:\n{result.Output}");
        Assert.Contains("are what the build generates", result.Output);
    }

    /// <summary>
    /// The template's Build.cs is compiled into this test project (as the global class Build): it generates over a
    /// copy of the template's files. TRAINYARD_UPDATE_TEMPLATE_WORKFLOWS=1 writes the result into the template instead.
    /// </summary>
    [Fact]
    public async Task TheTemplatesWorkflowsAreWhatItsBuildGenerates()
    {
        var template = RepositoryRoot.File("src/Trainyard.Templates/content/trainyard");
        using var repository = new BuildHarness();
        foreach (var file in new[] { "pipelines/pipeline-name.yml", ".trainyard/parameters.json" }
                     .Concat(Directory.EnumerateFiles(Path.Combine(template, ".github/workflows")).Select(f => ".github/workflows/" + Path.GetFileName(f))))
            repository.Write(file, File.ReadAllText(Path.Combine(template, file)));

        if (Environment.GetEnvironmentVariable("TRAINYARD_UPDATE_TEMPLATE_WORKFLOWS") == "1")
        {
            Assert.Equal(0, (await repository.RunAsync(new Build(), "Workflows")).ExitCode);
            Directory.Delete(Path.Combine(template, ".github/workflows"), recursive: true);
            Directory.CreateDirectory(Path.Combine(template, ".github/workflows"));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(repository.Root, ".github/workflows")))
                File.Copy(file, Path.Combine(template, ".github/workflows", Path.GetFileName(file)));
        }

        var result = await repository.RunAsync(new Build(), "Workflows", "--check");

        Assert.True(result.ExitCode == 0, repository.Output);
        Assert.Equal(["main.yml", "pull-request.yml", "schedule.yml"], Directory.EnumerateFiles(Path.Combine(template, ".github/workflows")).Select(Path.GetFileName).Order());
    }
}
