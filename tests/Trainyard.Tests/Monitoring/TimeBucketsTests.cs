using Trainyard.Monitoring;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Monitoring;

/// <summary>The window over time: hourly or daily buckets, each judged by the same drift check, and their sums the window's.</summary>
[Collection(ServingCollection.Name)]
public sealed class TimeBucketsTests(PackagedSample sample)
{
    static readonly DateTimeOffset Start = DriftArrives.Start;

    [Fact]
    public void HourlyUpTo48HoursDailyUpTo120DaysWeeklyBeyondEndingWithTheWindow()
    {
        var day = new LogWindow(Start, Start.AddHours(24).AddMinutes(30));
        Assert.Equal(TimeSpan.FromHours(1), TimeBuckets.WidthOf(day));
        Assert.Equal(24, TimeBuckets.IndexOf(day, Start.AddHours(24).AddMinutes(10)));
        Assert.Equal((Start.AddHours(24), Start.AddHours(24).AddMinutes(30)), TimeBuckets.Span(day, 24));
        var week = new LogWindow(Start, Start.AddDays(7));
        Assert.Equal(TimeSpan.FromDays(1), TimeBuckets.WidthOf(week));
        Assert.Equal(6, TimeBuckets.IndexOf(week, Start.AddDays(7).AddTicks(-1)));
        Assert.Equal(TimeSpan.FromDays(7), TimeBuckets.WidthOf(new LogWindow(Start, Start.AddDays(365))));
    }

    [Fact]
    public async Task DriftAppearsInTheBucketsWhereTheShiftedTrafficArrived()
    {
        var report = await DriftArrives.MonitorAsync(sample);

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
}
