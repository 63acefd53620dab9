using System.Text;
using System.Text.Json;
using Trainyard.Data.Profiling;
using Trainyard.Monitoring;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Monitoring;

/// <summary>
/// The one-pass line reader (no document per line) reads what a parsed document would: header fields, rows, outputs,
/// escapes, repeated names; and rejects what is not a whole record. The input profiler walks rows as UTF-8 and must
/// profile them exactly as the values they stand for.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class LoggedLineTests(PackagedSample sample)
{
    static readonly LogWindow December = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z"), DateTimeOffset.Parse("2026-12-02T00:00:00Z"));

    const string Batch = """
        {"time":"2026-12-01T10:00:00.5+00:00","request_id":"r-\u0031","caller":"we\u0062","model_digest":"sha256:ab","model_version":"v2","latency_ms":0.25,"extra":{"a":[1,2]},"inputs":[{"Age":30,"Home":"rent"},{"Age":41,"Home":"own\u0065r"}],"outputs":[{"label":"good","probabilities":{"good":0.9,"bad":0.1}},{"label":"bad","probabilities":{"good":0.2,"bad":0.8}}]}
        """;

    [Fact]
    public void ALineReadsAsItsDocumentDoes()
    {
        using var line = new LoggedLine();
        var request = line.Read(Encoding.UTF8.GetBytes(Batch), December, out var outside)!.Value;
        using var document = JsonDocument.Parse(Batch);
        var root = document.RootElement;

        Assert.False(outside);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T10:00:00.5Z"), request.Time);
        Assert.Equal(("r-1", "web", "v2", "sha256:ab", 0.25), (request.RequestId, request.Caller, request.Version, request.Digest, request.LatencyMs));
        Assert.Equal(2, request.Rows);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(root.GetProperty("inputs")[i].GetRawText(), Encoding.UTF8.GetString(request.RowUtf8(i)));
            Assert.Equal(root.GetProperty("inputs")[i].GetRawText(), request.Row(i).GetRawText());
            Assert.Equal(root.GetProperty("outputs")[i].GetRawText(), request.Prediction(i).GetRawText());
        }
    }

    [Fact]
    public void TheSameReaderReadsLineAfterLine()
    {
        using var line = new LoggedLine();
        var first = line.Read(Encoding.UTF8.GetBytes(Batch), December, out _)!.Value;
        Assert.Equal(2, first.Rows);
        // Fields of another type are read as absent: skipped whole, whatever they hold.
        var single = """{"time":"2026-12-01T11:00:00Z","request_id":{"inputs":1},"caller":["x"],"latency_ms":{"a":2},"inputs":{"Age":52},"outputs":[{"value":3.5}]}""";
        var second = line.Read(Encoding.UTF8.GetBytes(single), December, out _)!.Value;
        // Defaults for absent fields, as before: anonymous caller, unknown version, no latency.
        Assert.Equal(("", "anonymous", "unknown", ""), (second.RequestId, second.Caller, second.Version, second.Digest));
        Assert.True(double.IsNaN(second.LatencyMs));
        Assert.Equal(1, second.Rows);
        Assert.Equal("""{"Age":52}""", Encoding.UTF8.GetString(second.RowUtf8(0)));
        Assert.Equal(3.5, second.Prediction(0).GetProperty("value").GetDouble());
    }

    [Theory]
    [InlineData("""{"time":"2026-12-01T10:00:00Z","inputs":{"Ag""", false)] // torn
    [InlineData("""{"time":"2026-12-01T10:00:00Z","request_id":"x"}""", false)] // JSON, no record
    [InlineData("""{"time":"2026-12-01T10:00:00Z","inputs":[{"Age":1}],"outputs":[]}""", false)] // no prediction
    [InlineData("""{"time":"2026-12-01T10:00:00Z","inputs":[{"Age":1}],"outputs":[{"value":1},{"value":2}]}""", false)] // rows ≠ outputs
    [InlineData("""{"time":"yesterday","inputs":{"Age":1},"outputs":[{"value":1}]}""", false)]
    [InlineData("""{"time":"2026-12-01T10:00:00Z","inputs":{"Age":1},"outputs":[{"value":1}]} x""", false)] // trailing text
    [InlineData("""[1,2]""", false)]
    [InlineData("""{"time":"2026-12-03T10:00:00Z","inputs":{"Ag""", true)] // a leading time outside the window: not read further
    public void WhatIsNotAWholeRecordIsNotRead(string text, bool outsideWindow)
    {
        using var line = new LoggedLine();
        Assert.Null(line.Read(Encoding.UTF8.GetBytes(text), December, out var outside));
        Assert.Equal(outsideWindow, outside);
    }

    [Fact]
    public async Task RowsAreProfiledAsTheValuesTheyStandFor()
    {
        var registry = await LoggedTraffic.ProductionRegistryAsync(sample);
        var reference = await VersionReference.LoadAsync(registry, (await registry.FindAsync("v1", CancellationToken.None))!, CancellationToken.None);
        var walked = new LiveInputs(reference);
        var plain = new LiveInputs(reference);
        // Escapes, another field order, a repeated name (the last value counts, as JsonElement.TryGetProperty's),
        // a field the model does not take, nested values and null (missing), a row that is not an object.
        (string Walked, string Plain)[] rows =
        [
            ("""{"Home":"r\u0065nt","Age":30}""", """{"Age":30,"Home":"rent"}"""),
            ("""{"Age":20,"Job":"fixed","Age":44,"Id":"x","Home":null}""", """{"Age":44,"Job":"fixed"}"""),
            ("""{"Records":true,"Income":{"a":1},"Amount":[1,2],"Age":-1.5e2}""", """{"Records":true,"Age":-1.5e2}"""),
            ("""[1,2]""", """{}"""),
        ];
        foreach (var (walkedRow, plainRow) in rows)
        {
            walked.Add(Encoding.UTF8.GetBytes(walkedRow));
            using var parsed = JsonDocument.Parse(plainRow);
            plain.Add(parsed.RootElement);
        }
        var at = DateTimeOffset.Parse("2026-12-01T00:00:00Z");
        Assert.Equal(ProfileJson.Serialize(plain.Profile(at)), ProfileJson.Serialize(walked.Profile(at)));
        var age = walked.Profile(at).Columns.First(c => c.Name == "Age");
        Assert.Equal((4, 1), (age.Count, age.Missing));
    }

    [Theory]
    [InlineData("binary", """{"label":"bad","probabilities":{"good":0.25,"bad":0.75}}""", 0.75)]
    [InlineData("binary", """{"probabilities":{"b\u0061d":0.5,"extra":[1]}}""", 0.5)]
    [InlineData("binary", """{"label":"bad","probabilities":{"good":0.25}}""", null)]
    [InlineData("binary", """{"label":"bad","probabilities":[0.25]}""", null)]
    [InlineData("multiclass", """{"label":"b","probabilities":{"a":0.2,"b":0.7,"c":0.1}}""", 0.7)]
    [InlineData("multiclass", """{"probabilities":{"a":"x","b":{"y":1}}}""", null)]
    [InlineData("regression", """{"value":-3.25e1,"other":{"value":1}}""", -32.5)]
    [InlineData("regression", """{"value":"3"}""", null)]
    public void ScoresReadFromTheLineAreTheDocumentsScores(string task, string prediction, double? expected)
    {
        using var document = JsonDocument.Parse(prediction);
        var reference = new VersionReference("v1", "m:v1", new global::Trainyard.Runtime.Packaging.ModelSignature
        {
            Task = task,
            Inputs = [],
            Output = new global::Trainyard.Runtime.Packaging.SignatureOutput("y", PositiveClass: task == "binary" ? "bad" : null),
        }, null, null, null);

        Assert.Equal(expected, reference.ScoreOf(document.RootElement));
        Assert.Equal(expected, PredictionScores.Read(Encoding.UTF8.GetBytes(prediction), task, reference.Signature.Output.PositiveClass));
    }
}
