using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

public class SampleSpecTests
{
    [Fact]
    public void CreditRiskSpecLoadsAsBinaryWithPositiveClassBad()
    {
        var path = RepositoryRoot.File("pipelines/credit-risk.yml");
        var spec = PipelineSpec.Load(path);

        Assert.Equal("credit-risk", spec.Name);
        Assert.Equal(PipelineTask.Binary, spec.Task);
        Assert.Equal(new DataSpec { Path = "data/credit_data.csv", Label = "Status", PositiveClass = "bad" }, spec.Data);
        Assert.Equal("pipelines/credit-risk.schema.yml", spec.Schema);
        Assert.Equal(path, spec.SourcePath);
        Assert.Equal(1000, spec.Validation.MinRows);
        Assert.Equal(new DuplicateRowsRule { Severity = CheckSeverity.Warning, MaxShare = 0.01 }, spec.Validation.DuplicateRows);
        Assert.Equal("pipelines/credit-risk.profile.json", spec.Drift.Reference);
        Assert.Equal(DriftCorrection.Holm, spec.Drift.Correction);
        Assert.Equal(new ColumnDriftSpec { Method = DriftMethod.Psi, Threshold = 0.25 }, Assert.Single(spec.Drift.Columns, c => c.Key == "Income").Value);
    }

    [Fact]
    public void CreditRiskDeploySectionSpellsOutTheDefaults()
    {
        var deploy = PipelineSpec.Load(RepositoryRoot.File("pipelines/credit-risk.yml")).Deploy;

        Assert.Equal(new DeploySpec().Checks.Select(c => c.Text), deploy.Checks.Select(c => c.Text));
        Assert.Equal(new DeploySpec() with { Checks = deploy.Checks }, deploy);
    }

    [Fact]
    public void AmesSpecLoadsAsRegressionWithIgnoredCoordinates()
    {
        var spec = PipelineSpec.Load(RepositoryRoot.File("pipelines/ames.yml"));

        Assert.Equal(PipelineTask.Regression, spec.Task);
        Assert.Equal("data/ames.csv", spec.Data.Path);
        Assert.Equal("Sale_Price", spec.Data.Label);
        Assert.Null(spec.Data.PositiveClass);
        Assert.Equal(CheckSeverity.Error, spec.Validation.DuplicateRows.Severity);
        Assert.Equal("pipelines/ames.profile.json", spec.Drift.Reference);
        Assert.Equal(["Latitude", "Longitude"], spec.Drift.Columns.Where(c => c.Value.Ignore).Select(c => c.Key).Order());
    }

    [Fact]
    public void PenguinsSpecLoadsAsMulticlassWithChiSquareOnIsland()
    {
        var spec = PipelineSpec.Load(RepositoryRoot.File("pipelines/penguins.yml"));

        Assert.Equal(PipelineTask.Multiclass, spec.Task);
        Assert.Equal("data/penguins.csv", spec.Data.Path);
        Assert.Equal("species", spec.Data.Label);
        Assert.Equal(3, spec.Validation.MaxExamples);
        Assert.Equal(CheckSeverity.Error, spec.Validation.ConstantColumns);
        Assert.Equal(20, spec.Drift.MinSampleSize);
        Assert.Equal(DriftCorrection.Bonferroni, spec.Drift.Correction);
        Assert.Equal(new ColumnDriftSpec { Method = DriftMethod.ChiSquare, Threshold = 0.01 }, spec.Drift.Columns["island"]);
    }

    [Theory]
    [InlineData("credit-risk")]
    [InlineData("ames")]
    [InlineData("penguins")]
    public void SampleSpecDataFileExistsRelativeToRepositoryRoot(string name)
    {
        var spec = PipelineSpec.Load(RepositoryRoot.File($"pipelines/{name}.yml"));

        Assert.True(File.Exists(RepositoryRoot.File(spec.Data.Path)), spec.Data.Path);
        Assert.Equal(name, spec.Name);
    }
}
