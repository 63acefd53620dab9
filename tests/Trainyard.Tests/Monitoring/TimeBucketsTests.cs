using System.Text;
using System.Text.Json.Nodes;
using Trainyard.Monitoring;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Monitoring;

/// <summary>The window over time: hourly or daily buckets, each judged by the same drift check, and their sums the window's.</summary>
[Collection(ServingCollection.Name)]
public sealed class TimeBucketsTests(PackagedSample sample)
{
    static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-12-01T00:00:00Z");

    [Fact]
    public void HourlyUpTo48HoursDailyBeyondEndingWithTheWindow()
    {
        var day = new LogWindow(Start, Start.AddHours(24).AddMinutes(30));
        Assert.Equal(TimeSpan.FromHours(1), TimeBuckets.WidthOf(day));
        Assert.Equal(24, TimeBuckets.IndexOf(day, Start.AddHours(24).AddMinutes(10)));
        Assert.Equal((Start.AddHours(24), Start.AddHours(24).AddMinutes(30)), TimeBuckets.Span(day, 24));
        var week = new LogWindow(Start, Start.AddDays(7));
        Assert.Equal(TimeSpan.FromDays(1), TimeBuckets.WidthOf(week));
        Assert.Equal(6, TimeBuckets.IndexOf(week, Start.AddDays(7).AddTicks(-1)));
    }

    [Fact]
    public async Task DriftAppearsInTheBucketsWhereTheShiftedTrafficArrived()
    {
        // The test split twice: as trained over hours 0–2, then with Amount tripled over hours 3–5.
        var rows = sample.TestRows.Concat(LoggedTraffic.Shifted(sample.TestRows, ("Amount", x => x * 3))).ToArray();
        var folder = await LoggedTraffic.LogAsync(sample, rows);
        var log = Path.Combine(folder, LoggedTraffic.Log);
        var lines = await File.ReadAllLinesAsync(log);
        await File.WriteAllLinesAsync(log, lines.Select((line, i) =>
        {
            var node = JsonNode.Parse(line)!;
            node["time"] = Start.AddHours(6.0 * i / lines.Length).ToString("O");
            return node.ToJsonString();
        }));
        var truth = LoggedTraffic.TrueLabels(sample);
        var labels = await LabelsAsync(rows.Select((_, i) => ($"batch-{i / LoggedTraffic.Batch}", i % LoggedTraffic.Batch, truth[i % truth.Count])));

        var report = await LoggedTraffic.MonitorAsync(LoggedTraffic.Spec(sample), await LoggedTraffic.ProductionRegistryAsync(sample), folder, labels,
            new LogWindow(Start, Start.AddHours(6)));

        var v1 = report.Versions.Single();
        Assert.Equal(6, v1.Buckets.Count);
        Assert.Equal(Enumerable.Range(0, 6).Select(h => Start.AddHours(h)), v1.Buckets.Select(b => b.From));
        Assert.Equal(report.Predictions, v1.Buckets.Sum(b => b.Predictions));
        Assert.Equal(report.Requests, v1.Buckets.Sum(b => b.Requests));
        string AmountIn(int hour) => v1.Buckets[hour].Drift.Single(d => d.Column == "Amount").Verdict;
        Assert.Equal(["not_drifted", "not_drifted", "drifted", "drifted"], [AmountIn(0), AmountIn(1), AmountIn(4), AmountIn(5)]);
        Assert.All(v1.Buckets, b => Assert.Equal("not_drifted", b.Drift.Single(d => d.Column == "Age").Verdict));
        // Every bucket is labelled, so each has its realized AUC; the window's is over all of them.
        Assert.All(v1.Buckets, b => Assert.InRange(b.Quality["auc"]!.Value, 0.5, 1));
        Assert.Equal(report.Labels!.Matched, v1.Buckets.Sum(b => b.Labelled));
        Assert.All(v1.Buckets, b => Assert.NotNull(b.ScorePsi));
    }

    async Task<LiveLabels> LabelsAsync(IEnumerable<(string RequestId, int Row, string Status)> labels)
    {
        var root = LoggedTraffic.Root(sample);
        var path = Path.Combine(sample.NewFolder(), "labels.csv");
        var csv = new StringBuilder("request_id,row,Status\n");
        foreach (var (id, row, status) in labels) csv.Append($"{id},{row},{status}\n");
        await File.WriteAllTextAsync(path, csv.ToString());
        return await LiveLabels.ReadAsync(root, Path.GetRelativePath(root, path), "Status", idColumn: null, CancellationToken.None);
    }
}
