using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

/// <summary>With no --pipeline, a repository with one spec runs it; with none or several, the user is told which exist.</summary>
public sealed class DefaultPipeline : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("trainyard-default-pipeline-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    void Write(string relative) => File.WriteAllText(Path.Combine(_root, relative), "name: x\n");

    [Fact]
    public void TheOnlySpecIsTheDefaultAndSchemaFilesDoNotCount()
    {
        Directory.CreateDirectory(Path.Combine(_root, "pipelines"));
        Write("pipelines/churn.yml");
        Write("pipelines/churn.schema.yml");

        Assert.Equal("pipelines/churn.yml", PipelineFiles.TheOnlyOne(_root));
    }

    [Fact]
    public void SeveralSpecsAreAUsageErrorListingThem()
    {
        Directory.CreateDirectory(Path.Combine(_root, "pipelines"));
        Write("pipelines/churn.yml");
        Write("pipelines/fraud.yaml");

        var error = Assert.Throws<UsageException>(() => PipelineFiles.TheOnlyOne(_root));
        Assert.Contains("pipelines/ holds 2 pipeline specs: pipelines/churn.yml, pipelines/fraud.yaml", error.Message);
        Assert.Contains("--pipeline", error.Message);
    }

    [Fact]
    public void NoSpecIsAUsageErrorSayingHowToMakeOne()
    {
        var error = Assert.Throws<UsageException>(() => PipelineFiles.TheOnlyOne(_root));
        Assert.Contains("holds no pipeline spec", error.Message);
        Assert.Contains("dotnet new trainyard", error.Message);
    }
}
