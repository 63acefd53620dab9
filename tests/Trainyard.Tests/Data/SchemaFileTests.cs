using Trainyard.Data;
using Trainyard.Pipelines;

namespace Trainyard.Tests.Data;

public class SchemaFileTests
{
    private const string Header = "Schema for pipelines/credit-risk.yml, inferred from data/credit_data.csv (4454 rows) on 2026-11-23.\n"
        + "Review it and commit it: ValidateData checks the data against it.";

    private static readonly DatasetSchema Credit = new()
    {
        Label = "Status",
        Columns =
        [
            new ColumnSchema { Name = "Status", Type = ColumnType.Categorical, Categories = ["bad", "good"] },
            new ColumnSchema { Name = "Income", Type = ColumnType.Numeric, Min = 0, Max = 959, MaxNullRate = 0.02, Mostly = 0.995 },
            new ColumnSchema { Name = "Opened", Type = ColumnType.DateTime, Required = false, MaxNullRate = 0.5 },
        ],
    };

    [Fact]
    public void SchemaIsWrittenInTheReviewableShape()
    {
        var text = SchemaFileWriter.Format(Credit, Header);

        Assert.Equal("""
            # Schema for pipelines/credit-risk.yml, inferred from data/credit_data.csv (4454 rows) on 2026-11-23.
            # Review it and commit it: ValidateData checks the data against it.
            label: Status
            id: ~
            columns:
              - name: Status
                type: categorical
                categories: [bad, good]
                max_null_rate: 0
                mostly: 1
              - name: Income
                type: numeric
                min: 0
                max: 959
                max_null_rate: 0.02
                mostly: 0.995
              - name: Opened
                type: datetime
                required: false
                max_null_rate: 0.5
                mostly: 1

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public async Task SchemaRoundTripsThroughTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trainyard-{Guid.NewGuid():N}", "credit-risk.schema.yml");
        var schema = Credit with
        {
            Id = "Row Id",
            Columns = [.. Credit.Columns, new ColumnSchema { Name = "Row Id", Type = ColumnType.Text },
                new ColumnSchema { Name = "Odd: values", Type = ColumnType.Categorical, Categories = ["null", "", "1", "yes", "a, b", "it's", "~"] }],
        };
        try
        {
            await SchemaFile.SaveAsync(path, schema, Header);
            var read = SchemaFile.Load(path);

            Assert.Equal((schema.Label, schema.Id), (read.Label, read.Id));
            Assert.Equal(schema.Columns.Count, read.Columns.Count);
            foreach (var (expected, actual) in schema.Columns.Zip(read.Columns))
            {
                Assert.Equal(expected with { Categories = null }, actual with { Categories = null });
                Assert.Equal(expected.Categories, actual.Categories);
            }
            Assert.StartsWith("# Schema for pipelines/credit-risk.yml", File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void UnknownColumnKeyIsReportedWithLineAndColumn()
    {
        var error = Assert.Throws<TrainyardException>(() => SchemaFile.Parse(
            "label: y\ncolumns:\n  - name: y\n    type: numeric\n    maximum: 3\n", "pipelines/x.schema.yml"));

        Assert.Equal("pipelines/x.schema.yml:5:5: unknown key 'maximum' in 'columns item 1'; did you mean 'max'? "
            + "allowed keys here: name, type, required, min, max, categories, max_null_rate, mostly", error.Message);
    }

    [Fact]
    public void InvalidColumnTypeListsTheAllowedTypes()
    {
        var error = Assert.Throws<TrainyardException>(() => SchemaFile.Parse(
            "columns:\n  - name: y\n    type: integer\n", "pipelines/x.schema.yml"));

        Assert.Equal("pipelines/x.schema.yml:3:11: 'type' must be one of numeric, categorical, boolean, datetime, text; got 'integer'.", error.Message);
    }

    [Fact]
    public void MissingColumnTypeNamesTheColumnEntry()
    {
        var error = Assert.Throws<TrainyardException>(() => SchemaFile.Parse(
            "columns:\n  - name: a\n    type: text\n  - name: b\n", "pipelines/x.schema.yml"));

        Assert.Equal("pipelines/x.schema.yml:4:5: missing required key 'type' in 'columns item 2' (the mapping that starts at line 4): "
            + "one of numeric, categorical, boolean, datetime, text", error.Message);
    }

    [Theory]
    [InlineData("columns:\n  - name: a\n    type: numeric\n    max_null_rate: lots\n", "pipelines/x.schema.yml:4:20: 'max_null_rate' expects a number, got 'lots'")]
    [InlineData("columns:\n  - name: a\n    type: numeric\n    mostly: 1.5\n", "pipelines/x.schema.yml:4:13: 'mostly' must be at least 0 and at most 1, got 1.5")]
    [InlineData("columns:\n  - name: a\n    type: numeric\n    min: 5\n    max: 1\n", "pipelines/x.schema.yml:4:10: 'min' (5) is above 'max' (1) for column 'a'")]
    [InlineData("columns:\n  - name: a\n    type: text\n    min: 5\n", "pipelines/x.schema.yml:4:10: 'min' applies to numeric columns only; 'a' is text")]
    [InlineData("columns:\n  - name: a\n    type: numeric\n    categories: [x]\n", "pipelines/x.schema.yml:4:17: 'categories' applies to categorical and boolean columns only; 'a' is numeric")]
    [InlineData("columns:\n  - name: a\n    type: text\n  - name: a\n    type: text\n", "pipelines/x.schema.yml:4:11: column 'a' is listed twice; keep one entry per column")]
    [InlineData("label: Stauts\ncolumns:\n  - name: Status\n    type: text\n", "pipelines/x.schema.yml:1:8: 'label' names column 'Stauts', which is not in 'columns'. did you mean 'Status'?")]
    [InlineData("label: y\n", "pipelines/x.schema.yml:1:1: missing required key 'columns' at the top level: the list of expected columns, each with at least 'name' and 'type'")]
    [InlineData("columns:\n  name: a\n", "pipelines/x.schema.yml:2:3: 'columns' expects a list of columns (lines starting with '- name:'), got a mapping")]
    public void InvalidSchemaValueIsReportedAtTheValue(string yaml, string expected)
    {
        Assert.Equal(expected, Assert.Throws<TrainyardException>(() => SchemaFile.Parse(yaml, "pipelines/x.schema.yml")).Message);
    }

    [Fact]
    public void MissingSchemaFileIsReportedByItsPath()
    {
        var error = Assert.Throws<TrainyardException>(() => SchemaFile.Load("pipelines/does-not-exist.schema.yml"));

        Assert.StartsWith("pipelines/does-not-exist.schema.yml: the schema file does not exist (looked at /", error.Message);
    }
}
