using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Analysis;
using Trainyard.Artifacts.Metrics;
using Trainyard.Components;
using Trainyard.Evaluation;
using Trainyard.Targets;

namespace Trainyard.Tests.Components;

/// <summary>A team's build with its own metric, as build/Build.cs declares it for the credit data.</summary>
internal sealed class AmountRecallBuild : TrainyardBuild, IComment
{
    IEnumerable<CustomMetric> IEvaluate.CustomMetrics =>
        [new("amount_recall", MetricDirection.HigherIsBetter, AmountRecall) { DisplayName = "Bad-loan amount flagged" }];

    static double? AmountRecall(DataFrame rows)
    {
        var bad = rows.Filter(rows[TestRows.Label].ElementwiseEquals("bad"));
        var flagged = bad.Filter(bad[TestRows.Prediction].ElementwiseEquals("bad"));
        var total = Convert.ToDouble(bad["Amount"].Sum());
        return total == 0 ? null : Convert.ToDouble(flagged["Amount"].Sum()) / total;
    }
}

public sealed class EvaluateCustomMetrics
{
    [Fact]
    public async Task ABuildsOwnMetricIsMeasuredOnTheTestRowsAndShownInTheReportAndComment()
    {
        using var repo = new SampleRepository();

        var result = await repo.RunAsync(new AmountRecallBuild(), "Comment");

        Assert.True(result.ExitCode == 0, repo.Output);
        using var metrics = JsonDocument.Parse(repo.Read("artifacts/credit-risk/metrics.json"));
        var custom = metrics.RootElement.GetProperty("custom").EnumerateArray().Single();
        Assert.Equal("amount_recall", custom.GetProperty("name").GetString());
        Assert.Equal("higher_is_better", custom.GetProperty("direction").GetString());
        var value = custom.GetProperty("value").GetDouble();
        Assert.Equal(AmountRecallFromFiles(repo), value, 12);
        Assert.InRange(value, 0.01, 0.99);   // a real share, neither nothing nor everything flagged

        var shown = value.ToString("0.####", CultureInfo.InvariantCulture);
        var html = WebUtility.HtmlDecode(repo.Read("artifacts/credit-risk/report.html"));
        Assert.Contains("Bad-loan amount flagged", html);
        Assert.Contains(shown, html);
        var comment = repo.Read("artifacts/credit-risk/comment.md");
        Assert.Contains("Bad-loan amount flagged", comment);
        Assert.Contains(shown, comment);
    }

    [Fact]
    public async Task AGateOnABuildsOwnMetricFailsEvaluateWithTheUsualMessage()
    {
        using var repo = new SampleRepository();
        repo.AddGate("credit-risk", "amount_recall >= 0.99");

        var result = await repo.RunAsync(new AmountRecallBuild(), "Evaluate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("amount_recall", repo.Output);
        Assert.Contains("< 0.99 (short by", repo.Output);
        Assert.Contains("gate(s) failed", repo.Output);
        using var metrics = JsonDocument.Parse(repo.Read("artifacts/credit-risk/metrics.json"));
        var gate = metrics.RootElement.GetProperty("gates").GetProperty("results").EnumerateArray()
            .Single(g => g.GetProperty("metric").GetString() == "amount_recall");
        Assert.Equal("failed", gate.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task AGateOnAMetricTheBuildDoesNotDeclareFailsWhenTheSpecLoads()
    {
        using var repo = new SampleRepository();
        repo.AddGate("credit-risk", "amount_recall >= 0.6");

        var result = await repo.RunAsync("Evaluate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'amount_recall' is not a metric Evaluate computes", repo.Output);
        Assert.False(File.Exists(Path.Combine(repo.Root, "artifacts/credit-risk/model.json")));   // nothing trained
    }

    /// <summary>The same ratio with plain LINQ: predictions.csv's test rows joined to the data file by line.</summary>
    static double AmountRecallFromFiles(SampleRepository repo)
    {
        var data = repo.ReadLines("data/credit_data.csv");
        var header = data[0].Split(',').Select(h => h.Trim('"')).ToList();
        int amount = header.IndexOf("Amount"), status = header.IndexOf("Status");
        var predictions = repo.ReadLines("artifacts/credit-risk/predictions.csv");
        var columns = predictions[0].Split(',').ToList();
        int line = columns.IndexOf("line"), label = columns.IndexOf("label"), prediction = columns.IndexOf("prediction");
        var rows = predictions.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(p => (Fields: data[int.Parse(p[line], CultureInfo.InvariantCulture) - 1].Split(','), Label: p[label], Prediction: p[prediction]))
            .ToList();
        Assert.All(rows, r => Assert.Equal(r.Label, r.Fields[status].Trim('"')));   // joined to the right data line
        var bad = rows.Where(r => r.Label == "bad").ToList();
        return bad.Where(r => r.Prediction == "bad").Sum(r => double.Parse(r.Fields[amount], CultureInfo.InvariantCulture))
            / bad.Sum(r => double.Parse(r.Fields[amount], CultureInfo.InvariantCulture));
    }
}
