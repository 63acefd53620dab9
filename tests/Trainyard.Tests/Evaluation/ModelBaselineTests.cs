using Trainyard.Evaluation;
using Trainyard.Pipelines;
using Trainyard.Registry;
using Trainyard.Tests.Pipelines;
using Trainyard.Tests.Registry;

namespace Trainyard.Tests.Evaluation;

/// <summary>Where Evaluate's baseline comes from when the registry has no production version to offer.</summary>
public sealed class ModelBaselineTests
{
    static readonly CancellationToken None = CancellationToken.None;
    static readonly PipelineSpec Spec = PipelineSpec.Load(RepositoryRoot.File("pipelines/credit-risk.yml"));

    [Fact]
    public async Task AFirstModelHasNoBaselineAndANoteSaysWhatTheGatesDo()
    {
        using var under = StoreUnderTest.Layout();
        await under.Registry().PublishAsync(TestModels.Package(under.Repository, "a"), "alice", None);   // a candidate, not production

        var baseline = await ModelBaseline.FindAsync(under.Registry(), Spec with { Evaluation = Spec.Evaluation with { Baseline = null } }, RepositoryRoot.Path, None);

        Assert.Null(baseline.Metrics);
        Assert.Null(baseline.Source);
        Assert.Contains("No baseline: no version of credit-risk holds 'production'", baseline.Note);
        Assert.Contains("gates against the baseline pass (gates.when_no_baseline)", baseline.Note);
    }

    [Fact]
    public async Task APipelineNameNoRegistryCanHoldStillEvaluatesWithoutTheRegistry()
    {
        using var under = StoreUnderTest.Layout();
        var spec = Spec with { Name = "CreditRisk", Evaluation = Spec.Evaluation with { Baseline = null } };

        var baseline = await ModelBaseline.FindAsync(new ModelRegistry(under.Store, spec.Name), spec, RepositoryRoot.Path, None);

        Assert.Null(baseline.Metrics);
        Assert.Contains("the pipeline name 'CreditRisk' cannot name a model in a registry", baseline.Note);
        Assert.Contains("name: creditrisk", baseline.Note);
        var refused = await Assert.ThrowsAsync<TrainyardException>(() =>
            new ModelRegistry(under.Store, spec.Name).PublishAsync(TestModels.Package(spec.Name, "a"), "alice", None));
        Assert.Contains("cannot name a model in a registry", refused.Message);
    }
}
