using System.Text;
using System.Text.Json.Nodes;
using Trainyard.Artifacts.Monitoring;
using Trainyard.Monitoring;
using Trainyard.Pipelines;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Monitoring;

/// <summary>
/// Six hours of real logged traffic where drift arrives halfway: the test split as trained over hours 0–2, then with
/// Amount tripled over hours 3–5 (the log's times rewritten), every row labelled, Monitored over exactly those hours.
/// </summary>
internal static class DriftArrives
{
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-12-01T00:00:00Z");

    public static LogWindow Window => new(Start, Start.AddHours(6));

    public static async Task<MonitorReport> MonitorAsync(PackagedSample sample, params string[] gates)
    {
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
        var root = LoggedTraffic.Root(sample);
        var path = Path.Combine(sample.NewFolder(), "labels.csv");
        var csv = new StringBuilder("request_id,row,Status\n");
        for (var i = 0; i < rows.Length; i++) csv.Append($"batch-{i / LoggedTraffic.Batch},{i % LoggedTraffic.Batch},{truth[i % truth.Count]}\n");
        await File.WriteAllTextAsync(path, csv.ToString());
        var labels = await LiveLabels.ReadAsync(root, Path.GetRelativePath(root, path), "Status", idColumn: null, CancellationToken.None);

        var spec = LoggedTraffic.Spec(sample, new MonitorSpec
        {
            Gates = [.. gates.Select(g => GateExpression.Parse(g, new SourceLocation("spec.yml", 1), MonitorReader.Grammar))],
        });
        return await LoggedTraffic.MonitorAsync(spec, await LoggedTraffic.ProductionRegistryAsync(sample), folder, labels, Window);
    }
}
