using System.Text.Json;

namespace Trainyard.Tests.Components;

/// <summary>ValidateData on broken data: the data's own errors first, bounded values, no stale results.</summary>
public sealed class ValidateDataFindings
{
    const int Income = 9, Marital = 5;

    [Fact]
    public async Task EmptyDriftOverrideColumnReportsTheNullRateNotASpecError()
    {
        using var repo = new SampleRepository();
        var lines = repo.ReadLines("data/credit_data.csv");
        repo.WriteLines("data/credit_data.csv", [lines[0], .. lines.Skip(1).Select(l => SetField(l, Income, ""))]);

        var result = await repo.RunAsync("ValidateData");

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("is not a numeric or categorical column", repo.Output);
        using var validation = JsonDocument.Parse(repo.Read("artifacts/credit-risk/validation.json"));
        var findings = validation.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("column").GetString() == "Income" && f.GetProperty("rule").GetString() == "null_rate");
        var income = validation.RootElement.GetProperty("drift").GetProperty("columns").EnumerateArray()
            .Single(c => c.GetProperty("column").GetString() == "Income");
        Assert.Equal("not_judged", income.GetProperty("verdict").GetString());
        Assert.Equal("no values", income.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task HeaderOnlyFileReportsTooFewRowsNotASpecError()
    {
        using var repo = new SampleRepository();
        repo.WriteLines("data/credit_data.csv", [repo.ReadLines("data/credit_data.csv")[0]]);

        var result = await repo.RunAsync("ValidateData");

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("is not a numeric or categorical column", repo.Output);
        using var validation = JsonDocument.Parse(repo.Read("artifacts/credit-risk/validation.json"));
        Assert.Contains(validation.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "min_rows");
    }

    [Fact]
    public async Task UnknownDriftOverrideColumnNamesFileLineAndColumn()
    {
        using var repo = new SampleRepository();
        var spec = repo.Read("pipelines/credit-risk.yml").Replace("  columns:\n", "  columns:\n    Incme: {method: psi}\n");
        repo.Write("pipelines/credit-risk.yml", spec);
        var line = spec.Split('\n').ToList().FindIndex(l => l.Contains("Incme:")) + 1;

        var result = await repo.RunAsync("ValidateData");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"credit-risk.yml:{line}:5: drift.columns: 'Incme' is not a numeric or categorical column", repo.Output);
        Assert.Contains("did you mean 'Income'?", repo.Output);
    }

    [Fact]
    public async Task HugeValueIsCutWithItsLengthEverywhereItIsShown()
    {
        using var repo = new SampleRepository();
        var huge = new string('x', 1_000_000);
        repo.ChangeLine("data/credit_data.csv", 2, line => SetField(line, Marital, $"\"{huge}\""));

        await repo.RunAsync("ValidateData");

        var cut = $"'{new string('x', 100)}…' (1,000,000 characters)";
        Assert.Contains("(1,000,000 characters)", repo.Output); // the table wraps the cut value inside its cell
        Assert.True(repo.Output.Length < 100_000, $"console output is {repo.Output.Length:N0} characters");
        var validation = repo.Read("artifacts/credit-risk/validation.json");
        Assert.Contains(cut, validation);
        Assert.True(validation.Length < 100_000, $"validation.json is {validation.Length:N0} characters");
        var profile = repo.Read("artifacts/credit-risk/profile.json");
        Assert.Contains($"{new string('x', 100)}\\u2026 (1,000,000 characters)", profile); // profile.json escapes non-ASCII
        Assert.True(profile.Length < 200_000, $"profile.json is {profile.Length:N0} characters");
    }

    [Fact]
    public async Task LineBreakInAValueIsShownEscaped()
    {
        using var repo = new SampleRepository();
        var lines = repo.ReadLines("data/credit_data.csv").ToList();
        lines[1] = SetField(lines[1], Marital, "\"wid\nowed\"");
        repo.WriteLines("data/credit_data.csv", lines);

        await repo.RunAsync("ValidateData");

        Assert.Contains(@"'wid\nowed'", repo.Output);
        Assert.DoesNotContain("'wid\nowed'", repo.Output);
    }

    [Fact]
    public async Task SyntaxErrorReplacesThePreviousRunsResults()
    {
        using var repo = new SampleRepository();
        await repo.RunAsync("ValidateData");
        Assert.True(File.Exists(Path.Combine(repo.Root, "artifacts/credit-risk/profile.json")));
        repo.ChangeLine("data/credit_data.csv", 7, line => "\"good\"x" + line[line.IndexOf(',')..]);

        var result = await repo.RunAsync("ValidateData");

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(repo.Root, "artifacts/credit-risk/profile.json")));
        using var validation = JsonDocument.Parse(repo.Read("artifacts/credit-risk/validation.json"));
        Assert.False(validation.RootElement.GetProperty("passed").GetBoolean());
        var finding = validation.RootElement.GetProperty("findings").EnumerateArray().Single();
        Assert.Equal("syntax", finding.GetProperty("rule").GetString());
        Assert.Contains("line 7", finding.GetProperty("observed").GetString());
        Assert.Equal([7L], finding.GetProperty("example_lines").EnumerateArray().Select(e => e.GetInt64()));
    }

    static string SetField(string line, int index, string value) =>
        string.Join(',', line.Split(',').Select((f, i) => i == index ? value : f));
}
