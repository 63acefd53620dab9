using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Trainyard.Monitoring;
using Trainyard.Registry;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Monitoring;

/// <summary>Reading the log keeps aggregates, never rows: what a version's window holds does not grow with the log.</summary>
[Collection(ServingCollection.Name)]
public sealed class BoundedMemoryTests(PackagedSample sample, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task WhatAWindowHoldsDoesNotGrowWithTheLog()
    {
        var folder = await LoggedTraffic.LogAsync(sample, sample.TestRows.Take(5).ToArray());
        var template = JsonNode.Parse((await File.ReadAllLinesAsync(Path.Combine(folder, LoggedTraffic.Log)))[0])!;
        var registry = await LoggedTraffic.ProductionRegistryAsync(sample);
        var reference = await VersionReference.LoadAsync(registry, (await registry.FindAsync("v1", CancellationToken.None))!, CancellationToken.None);

        var small = await RetainedAfterReadingAsync(reference, await WriteLogAsync(template, 20_000));
        var log = await WriteLogAsync(template, 120_000);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var large = await RetainedAfterReadingAsync(reference, log);
        output.WriteLine($"120,000 requests (600,000 rows) read and aggregated in {clock.Elapsed.TotalSeconds:N1} s; held {small.Bytes:N0} then {large.Bytes:N0} bytes");

        // Six times the lines, every one with new Amount and Income values and a new caller every 1,000 requests: the
        // sketches and counters are bounded, so the window holds about as much (within 1 MiB) after either.
        Assert.True(large.Requests == 120_000 && small.Requests == 20_000);
        Assert.True(small.Bytes > 0);
        Assert.True(large.Bytes - small.Bytes < 1 << 20, $"held {small.Bytes:N0} bytes after 20,000 lines, {large.Bytes:N0} after 120,000");
    }

    /// <summary>The log in the server's format: the template's 5-row request with each row's Amount and Income made new per line.</summary>
    async Task<string> WriteLogAsync(JsonNode template, int lines)
    {
        var folder = sample.NewFolder();
        await using var writer = new StreamWriter(Path.Combine(folder, LoggedTraffic.Log), false, new UTF8Encoding(false), 1 << 20);
        var rows = template["inputs"]!.AsArray();
        for (var i = 0; i < lines; i++)
        {
            template["request_id"] = "r" + i.ToString(CultureInfo.InvariantCulture);
            template["caller"] = "caller-" + (i / 1000).ToString(CultureInfo.InvariantCulture);
            template["time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            for (var r = 0; r < rows.Count; r++)
            {
                rows[r]!["Amount"] = 100 + i * 0.37 + r;
                rows[r]!["Income"] = 50 + (i * 7919 + r) % 100_003;
            }
            await writer.WriteAsync(template.ToJsonString());
            await writer.WriteAsync('\n');
        }
        return folder;
    }

    static async Task<(long Requests, long Bytes)> RetainedAfterReadingAsync(VersionReference reference, string folder)
    {
        var now = DateTimeOffset.UtcNow;
        var span = new LogWindow(now.AddHours(-1), now.AddHours(1));
        VersionWindow? window = new("v1", reference, span, estimator: null, note: null);
        var reader = new PredictionLogReader(span);
        await reader.ReadAsync(PredictionLogReader.FilesOf(folder), request => { window!.Add(request, labels: null); return ValueTask.CompletedTask; }, null, CancellationToken.None);
        // What the window holds: the heap with it, less the heap once it is let go.
        var with = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(window);
        window = null;
        var without = GC.GetTotalMemory(forceFullCollection: true);
        Directory.Delete(folder, recursive: true);
        return (reader.Requests, with - without);
    }
}
