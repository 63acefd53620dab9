using System.Text.Json;
using Trainyard.Targets;
using Trainyard.Tests.Targets;

namespace Trainyard.Tests.Components;

/// <summary>The sample pipeline with its data cut into dated files and data.path a pattern.</summary>
public sealed class DataFilesPattern
{
    /// <summary>credit_data.csv's rows cut into three files (header repeated), the spec pointing at data/credit/*.csv.</summary>
    static SampleRepository Split()
    {
        var repo = new SampleRepository();
        var lines = repo.ReadLines("data/credit_data.csv");
        var (header, rows) = (lines[0], lines[1..]);
        var third = rows.Length / 3;
        Directory.CreateDirectory(Path.Combine(repo.Root, "data/credit"));
        repo.WriteLines("data/credit/2026-03.csv", [header, .. rows[(2 * third)..]]);
        repo.WriteLines("data/credit/2026-01.csv", [header, .. rows[..third]]);
        repo.WriteLines("data/credit/2026-02.csv", [header, .. rows[third..(2 * third)]]);
        File.Delete(Path.Combine(repo.Root, "data/credit_data.csv"));
        repo.Write("pipelines/credit-risk.yml", repo.Read("pipelines/credit-risk.yml").Replace("path: data/credit_data.csv", "path: data/credit/*.csv"));
        return repo;
    }

    [Fact]
    public async Task TheFilesValidateTrainAndPackageAsTheOneFileDid()
    {
        using var repo = Split();

        var result = await repo.RunAsync("Package");

        Assert.True(result.ExitCode == 0, repo.Output);
        using var validation = JsonDocument.Parse(repo.Read("artifacts/credit-risk/validation.json"));
        Assert.Equal(4454, validation.RootElement.GetProperty("rows").GetInt64());
        using var run = JsonDocument.Parse(repo.Read("artifacts/credit-risk/run.json"));
        var data = run.RootElement.GetProperty("data");
        Assert.Equal("data/credit/*.csv", data.GetProperty("path").GetString());
        Assert.Equal(["data/credit/2026-01.csv", "data/credit/2026-02.csv", "data/credit/2026-03.csv"],
            data.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(4454, data.GetProperty("rows").GetInt32());
        // Without an id column a row is named by its line, in its file: what Package's input example is taken by.
        Assert.Matches(@"\n2026-0[123]\.csv:\d+,", repo.Read("artifacts/credit-risk/predictions.csv"));
        Assert.Contains("Published credit-risk:v1", repo.Output);
    }

    [Fact]
    public async Task ANewFileRunsTheTargetsAgain()
    {
        using var repo = Split();
        await repo.RunAsync("ValidateData");
        var lines = repo.ReadLines("data/credit/2026-01.csv");

        repo.WriteLines("data/credit/2026-04.csv", lines[..50]);
        var result = await repo.RunAsync("ValidateData");

        Assert.Equal(TargetStatus.Succeeded, result.Of("ValidateData").Status);
        Assert.Contains("data/credit/2026-04.csv", repo.Output);
        using var validation = JsonDocument.Parse(repo.Read("artifacts/credit-risk/validation.json"));
        Assert.Equal(4454 + 49, validation.RootElement.GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task AFileWithAnotherHeaderFailsValidationNamingItAndTheColumn()
    {
        using var repo = Split();
        repo.ChangeLine("data/credit/2026-02.csv", 1, header => header.Replace("\"Income\"", "\"Salary\""));

        var result = await repo.RunAsync("ValidateData");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("data/credit/2026-02.csv line 1, column 'Income': column 10 is 'Salary' where", repo.Output);
        Assert.DoesNotContain("   at ", repo.Output);
    }
}
