using Trainyard.IO;
using Trainyard.Packaging;
using Trainyard.Pipelines;
using Trainyard.Tests.Components;

namespace Trainyard.Tests.Packaging;

/// <summary>Packages of the credit-risk sample across builds: what changes the content key and what a missing artifact says.</summary>
public sealed class PackageInputsRetrainTests
{
    [Fact]
    public async Task AfterADataChangeAndRetrainingTheContentKeyDiffersAndLineageShowsTheNewDataHash()
    {
        using var repo = new SampleRepository();
        Assert.Equal(0, (await repo.RunAsync("Evaluate")).ExitCode);
        var spec = PipelineSpec.Load(Path.Combine(repo.Root, "pipelines/credit-risk.yml"));
        var before = await PackageInputs.ReadAsync(spec, repo.Root, "artifacts/credit-risk", CancellationToken.None);

        repo.ChangeLine("data/credit_data.csv", 2, line => line.Replace(",\"rent\",", ",\"owner\","));   // one applicant's home
        Assert.Equal(0, (await repo.RunAsync("Evaluate")).ExitCode);
        var after = await PackageInputs.ReadAsync(spec, repo.Root, "artifacts/credit-risk", CancellationToken.None);

        Assert.NotEqual(before.Metadata.ContentKey, after.Metadata.ContentKey);
        Assert.NotEqual(before.Metadata.Lineage.Data!.Sha256, after.Metadata.Lineage.Data!.Sha256);
        Assert.Equal(ContentHash.OfFile(Path.Combine(repo.Root, "data/credit_data.csv")), after.Metadata.Lineage.Data.Sha256);
    }

    [Theory]
    [InlineData("profile.json", "ValidateData")]
    [InlineData("run.json", "Train")]
    [InlineData("model.json", "Train")]
    [InlineData("metrics.json", "Evaluate")]
    public async Task AMissingArtifactSaysWhichTargetToRun(string missing, string target)
    {
        using var repo = new SampleRepository();
        foreach (var file in new[] { "profile.json", "model.json", "featurizer.json", "run.json", "predictions.csv", "metrics.json" }.Where(f => f != missing))
            repo.Write($"artifacts/credit-risk/{file}", "{}");
        var spec = PipelineSpec.Load(Path.Combine(repo.Root, "pipelines/credit-risk.yml"));

        var error = await Assert.ThrowsAsync<TrainyardException>(() => PackageInputs.ReadAsync(spec, repo.Root, "artifacts/credit-risk", CancellationToken.None));

        Assert.Equal($"artifacts/credit-risk/{missing} is missing: run {target} first (./build.sh {target} --pipeline {spec.SourcePath})", error.Message);
    }
}
