using Trainyard.Pipelines;
using Trainyard.Data;

namespace Trainyard.Tests.Components;

public sealed class InferSchema
{
    [Fact]
    public async Task SchemaIsInferredFromTheData()
    {
        using var repo = new SampleRepository();
        File.Delete(Path.Combine(repo.Root, "pipelines/credit-risk.schema.yml"));

        var result = await repo.RunAsync("InferSchema");

        Assert.Equal(0, result.ExitCode);
        var schema = SchemaFile.Load(Path.Combine(repo.Root, "pipelines/credit-risk.schema.yml"));
        Assert.Equal("Status", schema.Label);
        // Types as pandas reads the file: object columns are categories here, int64/float64 columns numbers.
        Assert.Equal(ColumnType.Categorical, schema.Find("Status")!.Type);
        Assert.Equal(["bad", "good"], schema.Find("Status")!.Categories);
        Assert.Equal(ColumnType.Numeric, schema.Find("Income")!.Type);
        // pandas: Income min 6, max 959, 381 of 4454 missing; the ceiling is 381/4454 × 1.5 rounded up to 0.001.
        Assert.Equal(6, schema.Find("Income")!.Min);
        Assert.Equal(959, schema.Find("Income")!.Max);
        Assert.Equal(0.129, schema.Find("Income")!.MaxNullRate);
        Assert.Equal(0, schema.Find("Age")!.MaxNullRate);
    }

    [Fact]
    public async Task SchemaTableFitsColumnNamesLongerThanTwentyFourCharacters()
    {
        using var repo = new SampleRepository();
        const string longName = "SeniorityAtCurrentEmployerInYears";
        repo.ChangeLine("data/credit_data.csv", 1, header => header.Replace("\"Seniority\"", $"\"{longName}\""));

        var result = await repo.RunAsync("InferSchema");

        Assert.Equal(0, result.ExitCode);
        // Every row's type starts in the same column, and the long name keeps a space before it.
        var rows = repo.Output.ReplaceLineEndings("\n").Split('\n')
            .Where(line => line.StartsWith("  ", StringComparison.Ordinal) && (line.Contains(" numeric ") || line.Contains(" categorical "))).ToArray();
        Assert.Equal(14, rows.Length);
        var typeColumns = rows.Select(row => row.IndexOf(" numeric ", StringComparison.Ordinal) is var n and >= 0 ? n : row.IndexOf(" categorical ", StringComparison.Ordinal)).Distinct().ToArray();
        Assert.Single(typeColumns);
        Assert.Contains($"  {longName} numeric", rows.Single(row => row.Contains(longName)));
    }

    [Fact]
    public async Task InferredSchemaValidatesItsOwnData()
    {
        using var repo = new SampleRepository("penguins", "penguins.csv");
        File.Delete(Path.Combine(repo.Root, "pipelines/penguins.schema.yml"));

        await repo.RunAsync("InferSchema", "--pipeline", "pipelines/penguins.yml");
        var result = await repo.RunAsync("ValidateData", "--pipeline", "pipelines/penguins.yml");

        Assert.Equal(0, result.ExitCode);
    }
}
