using System.Security.Cryptography;
using System.Text.Json;
using Trainyard.Targets;
using Trainyard.Tests.Targets;

namespace Trainyard.Tests.Components;

public sealed class Train
{
    [Fact]
    public async Task TrainWritesTheModelRunRecordAndTestPredictions()
    {
        using var repo = new SampleRepository();

        var result = await repo.RunAsync("Train");

        Assert.Equal(0, result.ExitCode);
        using var run = JsonDocument.Parse(repo.Read("artifacts/credit-risk/run.json"));
        var data = run.RootElement.GetProperty("data");
        // First principles: the run record's data hash is the SHA-256 of the file's bytes.
        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(repo.Root, "data/credit_data.csv"))));
        Assert.Equal(expected, data.GetProperty("sha256").GetString());
        var splits = data.GetProperty("splits");
        var train = splits.GetProperty("train").GetProperty("rows").GetInt32();
        var validation = splits.GetProperty("validation").GetProperty("rows").GetInt32();
        var test = splits.GetProperty("test").GetProperty("rows").GetInt32();
        Assert.Equal(4454, train + validation + test);                       // credit_data.csv has no missing label
        Assert.InRange(test, 0.19 * 4454, 0.21 * 4454);                       // test_share 0.2, stratified rounding

        var predictions = repo.ReadLines("artifacts/credit-risk/predictions.csv");
        Assert.Equal("line,label,prediction,probability_good,probability_bad", predictions[0]);
        Assert.Equal(test, predictions.Length - 1);
        Assert.All(predictions.Skip(1), line =>
        {
            var f = line.Split(',');
            Assert.Equal(1.0, double.Parse(f[3]) + double.Parse(f[4]), 5);   // the two probabilities sum to one
        });
        Assert.True(File.Exists(Path.Combine(repo.Root, "artifacts/credit-risk/model.json")));
        Assert.True(File.Exists(Path.Combine(repo.Root, "artifacts/credit-risk/featurizer.json")));
    }

    [Fact]
    public async Task UnchangedDataSpecAndCodeAreUpToDate()
    {
        using var repo = new SampleRepository();
        await repo.RunAsync("Train");

        var second = await repo.RunAsync("Train");

        Assert.Equal(TargetStatus.UpToDate, second.Of("Train").Status);
    }

    [Fact]
    public async Task ChangedDataRetrains()
    {
        using var repo = new SampleRepository();
        await repo.RunAsync("Train");
        repo.ChangeLine("data/credit_data.csv", 2, line => line.Replace(",30,", ",31,"));

        var second = await repo.RunAsync("Train");

        Assert.Equal(TargetStatus.Succeeded, second.Of("Train").Status);
        Assert.Contains("credit_data.csv changed", repo.Output);
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameModel()
    {
        using var first = new SampleRepository();
        using var second = new SampleRepository();

        await first.RunAsync("Train");
        await second.RunAsync("Train");

        Assert.Equal(first.Read("artifacts/credit-risk/model.json"), second.Read("artifacts/credit-risk/model.json"));
        Assert.Equal(first.Read("artifacts/credit-risk/predictions.csv"), second.Read("artifacts/credit-risk/predictions.csv"));
    }

    [Fact]
    public async Task ATimeSplitHoldsOutTheRowsFromTheCutoffOn()
    {
        using var repo = new SampleRepository("ames", "ames.csv");
        repo.Write("pipelines/ames.yml", repo.Read("pipelines/ames.yml")
            .Replace("  method: random            # regression: not stratified", "  method: time\n  time_column: Year_Sold\n  cutoff: 2010"));

        var result = await repo.RunAsync("Train", "--pipeline", "pipelines/ames.yml");

        Assert.Equal(0, result.ExitCode);
        using var run = JsonDocument.Parse(repo.Read("artifacts/ames/run.json"));
        // pandas: (pd.read_csv("data/ames.csv").Year_Sold >= 2010).sum() == 341
        Assert.Equal(341, run.RootElement.GetProperty("data").GetProperty("splits").GetProperty("test").GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task ADateCutoffOnANumericTimeColumnIsAClearError()
    {
        using var repo = new SampleRepository("ames", "ames.csv");
        repo.Write("pipelines/ames.yml", repo.Read("pipelines/ames.yml")
            .Replace("  method: random            # regression: not stratified", "  method: time\n  time_column: Year_Sold\n  cutoff: 2010-01-01"));

        var result = await repo.RunAsync("Train", "--pipeline", "pipelines/ames.yml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("split.cutoff: is a date (2010-01-01), but time_column 'Year_Sold' is numeric; write the cutoff as a number", repo.Output);
        Assert.DoesNotContain("   at ", repo.Output);
    }
}
