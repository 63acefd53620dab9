using System.Text.Json;
using Trainyard.Targets;
using Trainyard.Tests.Targets;

namespace Trainyard.Tests.Components;

public sealed class ValidateData
{
    [Fact]
    public async Task SampleDataIsValidAndProfiled()
    {
        using var repo = new SampleRepository();

        var result = await repo.RunAsync("ValidateData");

        Assert.True(result.ExitCode == 0, repo.Output);
        using var validation = JsonDocument.Parse(repo.Read("artifacts/credit-risk/validation.json"));
        Assert.True(validation.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(4454, validation.RootElement.GetProperty("rows").GetInt64());
        using var profile = JsonDocument.Parse(repo.Read("artifacts/credit-risk/profile.json"));
        Assert.Equal(14, profile.RootElement.GetProperty("columns").GetArrayLength());
    }

    [Fact]
    public async Task SecondRunIsUpToDate()
    {
        using var repo = new SampleRepository();
        await repo.RunAsync("ValidateData");

        var second = await repo.RunAsync("ValidateData");

        Assert.Equal(TargetStatus.UpToDate, second.Of("ValidateData").Status);
    }

    [Fact]
    public async Task MissingDataFileIsAClearError()
    {
        using var repo = new SampleRepository();
        File.Delete(Path.Combine(repo.Root, "data/credit_data.csv"));

        var result = await repo.RunAsync("ValidateData");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("data file not found: ", repo.Output);
        Assert.Contains("credit_data.csv", repo.Output);
        AssertNoStackTrace(repo.Output);
    }

    [Fact]
    public async Task RaggedRowNamesItsLine()
    {
        using var repo = new SampleRepository();
        repo.ChangeLine("data/credit_data.csv", 5, line => string.Join(',', line.Split(',')[..13])); // loses its last field

        var result = await repo.RunAsync("ValidateData");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("credit_data.csv line 5", repo.Output);
        Assert.Contains("14", repo.Output);
        AssertNoStackTrace(repo.Output);
    }

    [Fact]
    public async Task NumericColumnHoldingTextIsReportedWithItsLine()
    {
        using var repo = new SampleRepository();
        repo.ChangeLine("data/credit_data.csv", 3, line => string.Join(',', line.Split(',').Select((f, i) => i == 4 ? "N/A" : f))); // Age

        var result = await repo.RunAsync("ValidateData");

        Assert.Equal(1, result.ExitCode);
        var finding = Findings(repo).Single(f => f.GetProperty("column").GetString() == "Age");
        Assert.Equal("type", finding.GetProperty("rule").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal([3L], finding.GetProperty("example_lines").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Contains("'N/A'", finding.GetProperty("observed").GetString());
        AssertNoStackTrace(repo.Output);
    }

    [Fact]
    public async Task LabelValueTheTaskDoesNotKnowIsReported()
    {
        using var repo = new SampleRepository();
        repo.ChangeLine("data/credit_data.csv", 10, line => "\"maybe\"" + line[line.IndexOf(',')..]); // Status

        var result = await repo.RunAsync("ValidateData");

        Assert.Equal(1, result.ExitCode);
        var finding = Findings(repo).Single(f => f.GetProperty("rule").GetString() == "label");
        Assert.Equal("Status", finding.GetProperty("column").GetString());
        Assert.Contains("'maybe'", finding.GetProperty("observed").GetString());
        Assert.Equal([10L], finding.GetProperty("example_lines").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Contains("invalid", repo.Output);
    }

    [Fact]
    public async Task UnknownKeyInTheSpecNamesFileLineAndColumn()
    {
        using var repo = new SampleRepository();
        var spec = repo.Read("pipelines/credit-risk.yml").Replace("  min_rows: 1000", "  min_row: 1000");
        repo.Write("pipelines/credit-risk.yml", spec);
        var line = spec.Split('\n').ToList().FindIndex(l => l.Contains("min_row:")) + 1;

        var result = await repo.RunAsync("ValidateData");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"credit-risk.yml:{line}:3: ", repo.Output);
        Assert.Contains("min_rows", repo.Output);
        AssertNoStackTrace(repo.Output);
    }

    [Fact]
    public async Task DriftIsReportedOnExactlyTheChangedColumns()
    {
        using var repo = new SampleRepository();
        var lines = repo.ReadLines("data/credit_data.csv");
        // Income (column 10) scaled by 1.5; the share of Home (column 3) = "parents" doubled by relabelling
        // other rows, leaving every other column as it was.
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var parents = rows.Count(r => r[2] == "\"parents\"");
        foreach (var r in rows.Where(r => r[2] is not "\"parents\"" and not "").Take(parents)) r[2] = "\"parents\"";
        foreach (var r in rows.Where(r => r[9] != "")) r[9] = (double.Parse(r[9]) * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture);
        repo.WriteLines("data/credit_data.csv", [lines[0], .. rows.Select(r => string.Join(',', r))]);

        await repo.RunAsync("ValidateData");

        using var validation = JsonDocument.Parse(repo.Read("artifacts/credit-risk/validation.json"));
        var drifted = validation.RootElement.GetProperty("drift").GetProperty("columns").EnumerateArray()
            .Where(c => c.GetProperty("verdict").GetString() == "drifted")
            .Select(c => c.GetProperty("column").GetString()!).Order().ToArray();
        Assert.Equal(["Home", "Income"], drifted);
    }

    static List<JsonElement> Findings(SampleRepository repo)
    {
        using var validation = JsonDocument.Parse(repo.Read("artifacts/credit-risk/validation.json"));
        return validation.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone()).ToList();
    }

    static void AssertNoStackTrace(string output) => Assert.DoesNotContain("   at ", output);
}
