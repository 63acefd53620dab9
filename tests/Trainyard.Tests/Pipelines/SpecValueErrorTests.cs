using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

/// <summary>Wrong types, invalid choices and out-of-range values: each error points at the value.</summary>
public class SpecValueErrorTests
{
    private const string Head = "name: x\ntask: regression\ndata:\n  path: data/x.csv\n  label: y\n";

    private static TrainyardException Fails(string yaml) =>
        Assert.Throws<TrainyardException>(() => PipelineSpec.Parse(yaml, "pipelines/x.yml"));

    [Fact]
    public void WrongTypeNamesTheKeyTheExpectationAndTheValue()
    {
        var error = Fails(Head + "validation:\n  min_rows:   many\n");

        Assert.Equal("pipelines/x.yml:7:15: 'min_rows' expects a whole number, got 'many'", error.Message);
    }

    [Fact]
    public void MappingWhereANumberBelongsIsReported()
    {
        var error = Fails(Head + "drift:\n  p_value:\n    low: 1\n");

        Assert.Equal("pipelines/x.yml:8:5: 'p_value' expects a number, got a mapping", error.Message);
    }

    [Fact]
    public void InvalidEnumValueListsTheAllowedValues()
    {
        var error = Fails("name: x\ntask: binar\ndata: { path: a.csv, label: y, positive_class: bad }\n");

        Assert.Equal("pipelines/x.yml:2:7: 'task' must be one of binary, multiclass, regression; got 'binar'. did you mean 'binary'?", error.Message);
    }

    [Fact]
    public void DriftSeverityAllowsOnlyWarningOrError()
    {
        var error = Fails(Head + "drift:\n  severity: off\n");

        Assert.Equal("pipelines/x.yml:7:13: 'severity' must be one of warning, error; got 'off'.", error.Message);
    }

    [Fact]
    public void FlagThatIsNotTrueOrFalseIsReported()
    {
        var error = Fails(Head + "validation:\n  label_required: sometimes\n");

        Assert.Equal("pipelines/x.yml:7:19: 'label_required' expects true or false, got 'sometimes'", error.Message);
    }

    [Fact]
    public void BinaryTaskWithoutPositiveClassIsReportedAtTheDataSection()
    {
        var error = Fails("name: x\ntask: binary\ndata:\n  path: data/x.csv\n  label: Status\n");

        Assert.Equal("pipelines/x.yml:4:3: missing required key 'positive_class' in 'data' (the mapping that starts at line 4): "
            + "a binary task needs the label value that counts as positive, e.g. positive_class: bad", error.Message);
    }

    [Fact]
    public void PositiveClassOnARegressionTaskIsReported()
    {
        var error = Fails(Head + "  positive_class: bad\n");

        Assert.Equal("pipelines/x.yml:6:19: 'positive_class' applies to binary tasks only; this task is regression", error.Message);
    }

    [Fact]
    public void DelimiterLongerThanOneCharacterIsReported()
    {
        var error = Fails(Head + "  delimiter: ';;'\n");

        Assert.Equal("pipelines/x.yml:6:14: 'delimiter' must be a single character other than a quote or line break, got ';;'", error.Message);
    }

    [Theory]
    [InlineData("drift:\n  p_value: 1.5\n", "pipelines/x.yml:7:12: 'p_value' must be above 0 and below 1, got 1.5")]
    [InlineData("drift:\n  dataset_drift_share: 0\n", "pipelines/x.yml:7:24: 'dataset_drift_share' must be above 0 and at most 1, got 0")]
    [InlineData("drift:\n  psi_threshold: -0.1\n", "pipelines/x.yml:7:18: 'psi_threshold' must be above 0, got -0.1")]
    [InlineData("drift:\n  min_sample_size: 0\n", "pipelines/x.yml:7:20: 'min_sample_size' must be at least 1, got 0")]
    [InlineData("validation:\n  duplicate_rows:\n    max_share: 2\n", "pipelines/x.yml:8:16: 'max_share' must be at least 0 and at most 1, got 2")]
    [InlineData("validation:\n  min_rows: -3\n", "pipelines/x.yml:7:13: 'min_rows' must be at least 0, got -3")]
    [InlineData("drift:\n  columns:\n    Age: { method: ks, threshold: 5 }\n", "pipelines/x.yml:8:35: 'threshold' must be above 0 and below 1, got 5")]
    public void ThresholdOutOfRangeIsReportedAtTheValue(string section, string expected)
    {
        Assert.Equal(expected, Fails(Head + section).Message);
    }

    [Fact]
    public void ListWhereASingleValueBelongsIsReported()
    {
        var error = Fails("name: x\ntask: regression\ndata:\n  path: a.csv\n  label: [a, b]\n");

        Assert.Equal("pipelines/x.yml:5:10: 'label' expects a single value, got a list", error.Message);
    }

    [Fact]
    public void DriftColumnsGivenAsAListIsReported()
    {
        var error = Fails(Head + "drift:\n  columns:\n    - Income\n");

        Assert.Equal("pipelines/x.yml:8:5: 'drift.columns' expects a mapping of keys, got a list", error.Message);
    }

    [Fact]
    public void NameThatCannotNameAFileIsReported()
    {
        var error = Fails("name: credit risk/v2\ntask: regression\ndata: { path: a.csv, label: y }\n");

        Assert.Equal("pipelines/x.yml:1:7: 'name' may hold only letters, digits, '.', '_' and '-' (it names files), got 'credit risk/v2'", error.Message);
    }
}
