using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

public class SpecDefaultsTests
{
    private const string Minimal = """
        name: churn
        task: regression
        data:
          path: data/churn.csv
          label: Months
        """;

    [Fact]
    public void SpecWithoutOptionalSectionsGetsTheDefaults()
    {
        var spec = PipelineSpec.Parse(Minimal, "pipelines/churn.yml");

        Assert.Equal(1, spec.Version);
        Assert.Null(spec.Description);
        Assert.Equal(',', spec.Data.Delimiter);
        Assert.Null(spec.Data.Id);
        Assert.Equal("pipelines/churn.schema.yml", spec.Schema);
        Assert.Equal(new ValidationSpec
        {
            MinRows = 1, MaxExamples = 5, ConstantColumns = CheckSeverity.Warning, LabelRequired = true,
            DuplicateRows = new DuplicateRowsRule { Severity = CheckSeverity.Warning, MaxShare = 0 },
        }, spec.Validation);
        Assert.Null(spec.Drift.Reference);
        Assert.Equal((0.05, DriftCorrection.Holm, 30, 0.5, 0.2, CheckSeverity.Warning),
            (spec.Drift.PValue, spec.Drift.Correction, spec.Drift.MinSampleSize, spec.Drift.DatasetDriftShare, spec.Drift.PsiThreshold, spec.Drift.Severity));
        Assert.Empty(spec.Drift.Columns);
        Assert.Equal("pipelines/churn.yml", spec.SourcePath);
    }

    [Fact]
    public void EmptySectionsAndNullValuesMeanDefaults()
    {
        var spec = PipelineSpec.Parse(Minimal + "\nvalidation:\ndrift:\n  reference: ~\n  p_value:\n", "pipelines/churn.yml");

        Assert.Equal(new ValidationSpec(), spec.Validation);
        Assert.Null(spec.Drift.Reference);
        Assert.Equal(0.05, spec.Drift.PValue);
    }

    [Fact]
    public void DriftColumnWithoutSettingsGetsDefaultOverrides()
    {
        var spec = PipelineSpec.Parse(Minimal + "\ndrift:\n  columns:\n    Income: ~\n    Age: { ignore: true }\n", "pipelines/churn.yml");

        Assert.Equal(new ColumnDriftSpec(), spec.Drift.Columns["Income"]);
        Assert.True(spec.Drift.Columns["Age"].Ignore);
        Assert.Null(spec.Drift.Columns["Age"].Method);
    }

    [Fact]
    public void ExplicitValuesOverrideDefaults()
    {
        var spec = PipelineSpec.Parse(Minimal + """

            schema: schemas/churn.yml
            description: Months until a customer leaves.
            validation:
              duplicate_rows: { severity: off }
              label_required: false
            drift:
              p_value: 0.01
              correction: none
              severity: error
            """, "pipelines/churn.yml");

        Assert.Equal("schemas/churn.yml", spec.Schema);
        Assert.Equal("Months until a customer leaves.", spec.Description);
        Assert.Equal(CheckSeverity.Off, spec.Validation.DuplicateRows.Severity);
        Assert.False(spec.Validation.LabelRequired);
        Assert.Equal((0.01, DriftCorrection.None, CheckSeverity.Error), (spec.Drift.PValue, spec.Drift.Correction, spec.Drift.Severity));
    }

    [Fact]
    public void TabDelimiterAndNumericPositiveClassAreReadAsText()
    {
        var spec = PipelineSpec.Parse("""
            name: fraud
            task: binary
            data:
              path: data/fraud.tsv
              delimiter: "\t"
              label: is_fraud
              positive_class: 1
              id: transaction_id
            """, "pipelines/fraud.yml");

        Assert.Equal(new DataSpec { Path = "data/fraud.tsv", Delimiter = '\t', Label = "is_fraud", PositiveClass = "1", Id = "transaction_id" }, spec.Data);
    }
}
