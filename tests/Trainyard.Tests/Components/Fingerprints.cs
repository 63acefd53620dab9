using Trainyard.Targets;
using Trainyard.Tests.Targets;

namespace Trainyard.Tests.Components;

/// <summary>A target's fingerprint covers the parameters and spec sections it reads, not every parameter of the build.</summary>
public sealed class Fingerprints
{
    [Fact]
    public async Task AReportUrlOrAnUnrelatedParameterLeavesTrainAndEvaluateUpToDateButMaxDepthRetrains()
    {
        using var repo = new SampleRepository();
        Assert.Equal(0, (await repo.RunAsync("Evaluate")).ExitCode);

        // The pull-request workflow sets TRAINYARD_REPORT_URL for the Comment step only; Evaluate and Train do not read it,
        // nor the image name, nor a comment on the spec's training section.
        repo.Environment["TRAINYARD_REPORT_URL"] = "https://github.com/acme/churn/actions/runs/1/artifacts/2";
        repo.Write("pipelines/credit-risk.yml", repo.Read("pipelines/credit-risk.yml").Replace("training:\n", "training:   # tuned in November\n"));
        var unrelated = await repo.RunAsync("Evaluate", "--image", "ghcr.io/acme/credit-risk");
        Assert.Equal(TargetStatus.UpToDate, unrelated.Of("ValidateData").Status);
        Assert.Equal(TargetStatus.UpToDate, unrelated.Of("Train").Status);
        Assert.Equal(TargetStatus.UpToDate, unrelated.Of("Evaluate").Status);

        repo.Write("pipelines/credit-risk.yml", repo.Read("pipelines/credit-risk.yml").Replace("max_depth: 4", "max_depth: 3"));
        var changed = await repo.RunAsync("Train");
        Assert.Equal(TargetStatus.UpToDate, changed.Of("ValidateData").Status);   // it does not read training:
        Assert.Equal(TargetStatus.Succeeded, changed.Of("Train").Status);
        Assert.Contains("Running: the spec's data, split, training or evaluation section changed", repo.Output);
    }

    [Fact]
    public async Task ChangingTheGatesReevaluatesWithoutRetraining()
    {
        using var repo = new SampleRepository();
        Assert.Equal(0, (await repo.RunAsync("Evaluate")).ExitCode);

        repo.AddGate("credit-risk", "log_loss <= 0.9");
        var result = await repo.RunAsync("Evaluate");

        Assert.Equal(TargetStatus.UpToDate, result.Of("Train").Status);
        Assert.Equal(TargetStatus.Succeeded, result.Of("Evaluate").Status);
        Assert.Contains("Running: the spec's data, split, evaluation or gates section changed", repo.Output);
    }
}
