using System.Security.Cryptography;
using Trainyard.Targets;
using Trainyard.Tests.Targets;

namespace Trainyard.Tests.Components;

public sealed class Package
{
    [Fact]
    public async Task PackagePublishesANewVersionOnlyWhenTheModelChanged()
    {
        using var repo = new SampleRepository();

        var first = await repo.RunAsync("Package");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Published credit-risk:v1 to .trainyard/registry", repo.Output.Replace('\\', '/'));
        Assert.Matches(@"credit-risk@sha256:[0-9a-f]{64}\n", repo.Output);
        Assert.Contains("  credit-risk:v1\n", repo.Output);

        var again = await repo.RunAsync("Package");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(TargetStatus.UpToDate, again.Of("Package").Status);
        Assert.Contains("Up to date: v1 already holds this model (aliases: candidate) in .trainyard/registry", repo.Output.Replace('\\', '/'));

        repo.ChangeLine("data/credit_data.csv", 2, line => line.Replace(",30,", ",31,"));
        var changed = await repo.RunAsync("Package");
        Assert.Equal(0, changed.ExitCode);
        Assert.Contains("Published credit-risk:v2", repo.Output);
        Assert.Contains("Running: the registry does not hold this model yet", repo.Output);

        await repo.RunAsync("Models", "--version", "v2");
        // The lineage names the data the model was trained on by its sha256, computed here independently.
        var changedData = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(repo.Root, "data/credit_data.csv"))));
        Assert.Matches($@"data\.sha256 +{changedData}", repo.Output);
        await repo.RunAsync("Models");
        Assert.Matches(@"│ v2 +│ sha256:[0-9a-f]{12} │.*│ candidate +│", repo.Output);
        Assert.Matches(@"│ v1 +│ sha256:[0-9a-f]{12} │.*│ +│", repo.Output);
        Assert.Contains("credit-risk in .trainyard/registry: 2 version(s)", repo.Output.Replace('\\', '/'));
    }

    [Fact]
    public async Task AModelThatFailsAGateIsNotPackaged()
    {
        using var repo = new SampleRepository();
        repo.AddGate("credit-risk", "auc >= 0.99");

        var result = await repo.RunAsync("Package");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(TargetStatus.Failed, result.Of("Evaluate").Status);
        Assert.NotEqual(TargetStatus.Succeeded, result.Of("Package").Status);
        Assert.False(Directory.Exists(Path.Combine(repo.Root, ".trainyard/registry/credit-risk/blobs")));
    }
}
