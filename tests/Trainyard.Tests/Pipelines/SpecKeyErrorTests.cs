using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

/// <summary>Unknown, missing and repeated keys: each error names file, line and column.</summary>
public class SpecKeyErrorTests
{
    private static TrainyardException Fails(string yaml) =>
        Assert.Throws<TrainyardException>(() => PipelineSpec.Parse(yaml, "pipelines/x.yml"));

    [Fact]
    public void UnknownKeyIsReportedWithLineAndColumn()
    {
        var error = Fails("""
            name: x
            task: regression
            data:
              path: data/x.csv
              label: y
            validation:
              min_row: 10
            """);

        Assert.Equal("pipelines/x.yml:7:3: unknown key 'min_row' in 'validation'; did you mean 'min_rows'? "
            + "allowed keys here: min_rows, max_examples, duplicate_rows, constant_columns, label_required", error.Message);
        Assert.Equal(new SourceLocation("pipelines/x.yml", 7, 3), error.Location);
    }

    [Fact]
    public void UnknownTopLevelKeyWithoutCloseMatchListsAllowedKeysOnly()
    {
        var error = Fails("name: x\ntask: regression\ndata: { path: a.csv, label: y }\nalerting: {}\n");

        Assert.Equal("pipelines/x.yml:4:1: unknown key 'alerting' at the top level; "
            + "allowed keys here: version, name, description, task, data, schema, validation, drift, "
            + "split, training, evaluation, gates, deploy, monitor", error.Message);
    }

    [Fact]
    public void UnknownKeyInDriftColumnOverrideIsReported()
    {
        var error = Fails("""
            name: x
            task: regression
            data: { path: a.csv, label: y }
            drift:
              columns:
                Income:
                  metod: psi
            """);

        Assert.StartsWith("pipelines/x.yml:7:7: unknown key 'metod' in 'drift.columns.Income'; did you mean 'method'?", error.Message);
    }

    [Fact]
    public void MissingRequiredKeyNamesTheKeyAndItsParentMappingLine()
    {
        var error = Fails("""
            name: x
            task: regression
            data:
              path: data/x.csv
            """);

        Assert.Equal("pipelines/x.yml:4:3: missing required key 'label' in 'data' (the mapping that starts at line 4): the column to predict",
            error.Message);
    }

    [Fact]
    public void MissingTopLevelKeyIsReportedAtTheTopOfTheFile()
    {
        var error = Fails("# a comment\nname: x\ndata: { path: a.csv, label: y }\n");

        Assert.Equal("pipelines/x.yml:2:1: missing required key 'task' at the top level: one of binary, multiclass, regression", error.Message);
    }

    [Fact]
    public void EmptyFileReportsTheFirstMissingKey()
    {
        var error = Fails("# nothing yet\n");

        Assert.Equal("pipelines/x.yml:1:1: missing required key 'name' at the top level: the pipeline's name, e.g. name: credit-risk", error.Message);
    }

    [Fact]
    public void RepeatedKeyIsReportedAtItsSecondOccurrence()
    {
        var error = Fails("name: x\nname: y\n");

        Assert.Equal("pipelines/x.yml:2:1: the key 'name' appears twice in the same mapping; keep one", error.Message);
    }

    [Fact]
    public void SectionThatIsNotAMappingIsReported()
    {
        var error = Fails("name: x\ntask: regression\ndata:\n  - data/x.csv\n");

        Assert.Equal("pipelines/x.yml:4:3: 'data' expects a mapping of keys (path, delimiter, label, positive_class, id, window, time), got a list", error.Message);
    }
}
