using Trainyard.Pipelines;
using Trainyard.Tests.Pipelines;

namespace Trainyard.Tests.Templates;

/// <summary><c>dotnet new trainyard</c> from the packed template, as a team adding Trainyard to its repository runs it.</summary>
public sealed class DotnetNewTests(TemplatePack pack) : IClassFixture<TemplatePack>
{
    static readonly string[] Files =
    [
        ".github/workflows/main.yml", ".github/workflows/pull-request.yml", ".github/workflows/schedule.yml", ".gitignore", ".trainyard/parameters.json", "build.ps1", "build.sh",
        "build/Build.cs", "build/_build.csproj", "data/README.md", "pipelines/churn.yml",
    ];

    [Fact]
    public async Task CreatesTheBuildNamedAfterThePipelineReferencingThePackedVersion()
    {
        var repository = pack.NewFolder("created");

        await pack.NewTrainyardAsync(repository, "--name", "churn").Succeeds();

        Assert.Equal(Files, FilesIn(repository));
        Assert.Contains($"<PackageReference Include=\"Trainyard\" Version=\"{TemplatePack.Version}\" />", Read(repository, "build/_build.csproj"));
        Assert.Equal("{ \"Pipeline\": \"pipelines/churn.yml\" }", Read(repository, ".trainyard/parameters.json").Trim());
        // The generated workflows, with the pipeline's artifacts named after it.
        Assert.Contains("./build.sh Comment --skip ValidateData,Train,Evaluate,Report", Read(repository, ".github/workflows/pull-request.yml"));
        Assert.Contains("artifacts/churn/metrics.json", Read(repository, ".github/workflows/pull-request.yml"));
        Assert.Contains("environment: production", Read(repository, ".github/workflows/main.yml"));
        Assert.Contains("class Build : TrainyardBuild, IInferSchema, IComment, IContainerize", Read(repository, "build/Build.cs"));
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(Path.Combine(repository, "build.sh")).HasFlag(UnixFileMode.UserExecute), "build.sh is not executable");

        // Every key of the generated spec is one this Trainyard reads.
        var spec = PipelineSpec.Load(Path.Combine(repository, "pipelines/churn.yml"));
        Assert.Equal("churn", spec.Name);
        Assert.Equal("data/churn.csv", spec.Data.Path);
        Assert.NotEmpty(spec.Gates.Rules);

        foreach (var file in Files)
        {
            var text = Read(repository, file);
            Assert.DoesNotContain(RepositoryRoot.Path, text);
            Assert.DoesNotContain("pipeline-name", text);
            Assert.DoesNotContain("TRAINYARD_VERSION", text);
            Assert.False(text.Contains('\r'), $"{file} has CR line endings");
        }
    }

    [Fact]
    public async Task RefusesToOverwriteAnExistingBuildScriptUnlessForced()
    {
        var repository = pack.NewFolder("existing");
        const string own = "#!/bin/sh\necho our own build\n";
        File.WriteAllText(Path.Combine(repository, "build.sh"), own);

        var refused = await pack.NewTrainyardAsync(repository, "--name", "churn");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Overwrite   ./build.sh", refused.Output);
        Assert.Contains("--force", refused.Output);
        Assert.Equal(own, Read(repository, "build.sh"));
        Assert.Equal(["build.sh"], FilesIn(repository));

        await pack.NewTrainyardAsync(repository, "--name", "churn", "--force").Succeeds();

        Assert.Equal(Files, FilesIn(repository));
        Assert.StartsWith("#!/usr/bin/env bash", Read(repository, "build.sh"));
    }

    static string Read(string repository, string file) => File.ReadAllText(Path.Combine(repository, file));

    static string[] FilesIn(string repository) =>
        Directory.EnumerateFiles(repository, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(repository, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
