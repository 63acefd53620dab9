using System.Text.Json.Nodes;
using Trainyard.Monitoring;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Monitoring;

/// <summary>
/// Reading the log as the server leaves it: rotated files, lines torn by a crash or corrupt (skipped and counted,
/// never fatal), and the window. The lines are the real server's, moved between files or re-timed by the test.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class PredictionLogReadingTests(PackagedSample sample)
{
    [Fact]
    public async Task CorruptAndTornLinesAreSkippedAndCounted()
    {
        var folder = await LoggedTraffic.LogAsync(sample, sample.TestRows.Take(300).ToArray());
        var log = Path.Combine(folder, LoggedTraffic.Log);
        var lines = await File.ReadAllLinesAsync(log);
        // Within the window: a line cut short, a JSON line that is no record; and a last line cut in half as a killed server leaves it.
        var now = DateTimeOffset.UtcNow.ToString("O");
        var damaged = lines.Take(3).Append($"{{\"time\": \"{now}\", \"inputs\": {{\"Ag").Append($$"""{"time":"{{now}}","request_id":"x"}""")
            .Concat(lines.Skip(3)).ToArray();
        await File.WriteAllTextAsync(log, string.Join('\n', damaged) + "\n" + lines[0][..(lines[0].Length / 2)]);

        var report = await LoggedTraffic.MonitorAsync(LoggedTraffic.Spec(sample), await LoggedTraffic.ProductionRegistryAsync(sample), folder);

        Assert.Equal(3, report.SkippedLines);
        Assert.Equal(300, report.Predictions);
        Assert.Equal(lines.Length, report.Requests);
    }

    [Fact]
    public async Task RotatedFilesAreAllReadOldestFirst()
    {
        var folder = await LoggedTraffic.LogAsync(sample, sample.TestRows.Take(400).ToArray());
        var log = Path.Combine(folder, LoggedTraffic.Log);
        var lines = await File.ReadAllLinesAsync(log);
        // As RotatingFile leaves them: the oldest lines in .2, then .1, the newest in the file itself.
        await File.WriteAllLinesAsync(log + ".2", lines[..2]);
        await File.WriteAllLinesAsync(log + ".1", lines[2..5]);
        await File.WriteAllLinesAsync(log, lines[5..]);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not a log");

        Assert.Equal([log + ".2", log + ".1", log], PredictionLogReader.FilesOf(folder));
        var report = await LoggedTraffic.MonitorAsync(LoggedTraffic.Spec(sample), await LoggedTraffic.ProductionRegistryAsync(sample), folder);
        Assert.Equal(400, report.Predictions);
        Assert.Equal(0, report.SkippedLines);
    }

    [Fact]
    public async Task OnlyTheWindowIsJudged()
    {
        var folder = await LoggedTraffic.LogAsync(sample, sample.TestRows.Take(400).ToArray());
        var log = Path.Combine(folder, LoggedTraffic.Log);
        var lines = await File.ReadAllLinesAsync(log);
        // 8 requests of 50 rows: line i at 1i:00, lines 0–3 on 1 December (10:00–13:00), 4–7 on 2 December (14:00–17:00).
        Assert.Equal(8, lines.Length);
        await File.WriteAllLinesAsync(log, lines.Select((line, i) =>
        {
            var node = JsonNode.Parse(line)!;
            node["time"] = i < 4 ? $"2026-12-01T1{i}:00:00+00:00" : $"2026-12-02T1{i}:00:00+00:00";
            return node.ToJsonString();
        }));
        var spec = LoggedTraffic.Spec(sample);
        var registry = await LoggedTraffic.ProductionRegistryAsync(sample);
        var now = DateTimeOffset.Parse("2026-12-02T23:00:00Z");

        var secondDay = await LoggedTraffic.MonitorAsync(spec, registry, folder, window: LogWindow.Of(null, "2026-12-02", "2026-12-03", TimeSpan.FromDays(1), now));
        Assert.Equal(200, secondDay.Predictions);
        Assert.Equal(4, secondDay.OutsideWindow);

        // --since 8h at 23:00 on the 2nd: from 15:00, so lines 5–7.
        var lastHours = await LoggedTraffic.MonitorAsync(spec, registry, folder, window: LogWindow.Of("8h", null, null, TimeSpan.FromDays(1), now));
        Assert.Equal(150, lastHours.Predictions);
        Assert.Equal(5, lastHours.OutsideWindow);
    }

    [Fact]
    public void AWindowIsGivenOneWay()
    {
        var now = DateTimeOffset.Parse("2026-12-07T10:00:00Z");
        Assert.Equal(new LogWindow(now.AddDays(-7), now), LogWindow.Of("7d", null, null, TimeSpan.FromHours(24), now));
        Assert.Equal(new LogWindow(now.AddHours(-24), now), LogWindow.Of(null, null, null, TimeSpan.FromHours(24), now));
        Assert.Contains("choose a window by one of them", Assert.Throws<UsageException>(() => LogWindow.Of("24h", "2026-12-01", null, TimeSpan.FromHours(24), now)).Message);
        Assert.Contains("expected a duration", Assert.Throws<UsageException>(() => LogWindow.Of("24", null, null, TimeSpan.FromHours(24), now)).Message);
        Assert.Contains("is not before", Assert.Throws<UsageException>(() => LogWindow.Of(null, "2026-12-05", "2026-12-01", TimeSpan.FromHours(24), now)).Message);
    }
}
