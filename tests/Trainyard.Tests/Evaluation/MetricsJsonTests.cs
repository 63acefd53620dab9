using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;
using Trainyard.Pipelines;

namespace Trainyard.Tests.Evaluation;

public sealed class MetricsJsonTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("trainyard-metrics-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Tasks => ["binary", "multiclass", "regression"];

    private static MetricsReport ReportFor(string task) => task switch
    {
        "binary" => Reports.Candidate() with
        {
            Gates = GateCheck.Evaluate(new GatesSpec { Rules = [Reports.Gate("auc", GateOperator.AtLeast, -0.01, againstBaseline: true)] },
                Reports.Candidate(), Reports.Baseline(), "artifacts/baseline/metrics.json"),
        },
        "multiclass" => Reports.Multiclass(),
        _ => Reports.Regression(),
    };

    [Theory]
    [MemberData(nameof(Tasks))]
    public async Task WrittenMetricsReadBackToTheSameJsonAndGateValues(string task)
    {
        var report = ReportFor(task);
        var path = Path.Combine(_directory, "metrics.json");

        await MetricsJson.WriteAsync(path, report);
        var read = await MetricsJson.ReadAsync(path);

        Assert.Equal(MetricsJson.Serialize(report), MetricsJson.Serialize(read));
        Assert.Equal(MetricLookup.From(report), MetricLookup.From(read));
        Assert.Equal(report.Task, read.Task);
    }

    [Fact]
    public void JsonUsesTheDocumentedSnakeCaseShapeWithUndefinedMetricsAsNull()
    {
        var json = MetricsJson.Serialize(ReportFor("binary"));

        Assert.StartsWith("{\n  \"format_version\": 1,\n  \"pipeline\": \"credit-risk\",\n  \"task\": \"binary\",", json.ReplaceLineEndings("\n"));
        foreach (var member in new[] { "\"pr_auc\": ", "\"top_decile_lift\": ", "\"missing_predictions\": 1", "\"true_positives\": 4",
                     "\"cumulative_gain\": ", "\"mean_predicted\": ", "\"observed_rate\": null", "\"gaps\": ",
                     "\"highest_group\": \"a\"", "\"p95_latency_ms\": 7.25", "\"throughput_rows_per_s\": 250000", "\"verdict\": \"failed\"",
                     "\"change\": \"worse\"", "\"relative_delta\": ", "\"baseline\": \"artifacts/baseline/metrics.json\"", "\"source\": \"spec\"" })
            Assert.Contains(member, json);
        Assert.Contains("\"auc\": null", json);
        Assert.Contains("\"auc\": \"no positive labels (only class 0)\"", json);
        Assert.Contains("\"multiclass\": null", json);
    }

    [Fact]
    public async Task MalformedMetricsFileIsRefusedNamingTheFileAndLine()
    {
        var path = Path.Combine(_directory, "broken.json");
        await File.WriteAllTextAsync(path, "{\n  \"format_version\": 1,\n  \"pipeline\": \"x\",\n  \"task\": \"binary\",\n  \"binary\": {\"rows\": \"many\"}\n}");

        var error = await Assert.ThrowsAsync<TrainyardException>(() => MetricsJson.ReadAsync(path));

        Assert.Equal(new SourceLocation(path, 5), error.Location);
        Assert.Contains("Malformed metrics file", error.Message);
    }

    [Theory]
    [InlineData("[1, 2]", "Not a metrics file")]
    [InlineData("{\"format_version\": 99, \"pipeline\": \"x\", \"task\": \"binary\"}", "format_version 99 is not supported")]
    [InlineData("{\"format_version\": 1, \"task\": \"binary\"}", "Malformed metrics file")]
    [InlineData("{\"format_version\": 1, \"pipeline\": \"x\", \"task\": \"clustering\"}", "Malformed metrics file")]
    public void JsonThatIsNotMetricsIsRefusedWithTheSourceNamed(string json, string message)
    {
        var error = Assert.Throws<TrainyardException>(() => MetricsJson.Deserialize(json, "baseline.json"));

        Assert.Contains(message, error.Message);
        Assert.StartsWith("baseline.json", error.Message);
    }

    [Fact]
    public async Task MissingBaselineFileIsATrainyardErrorNamingIt()
    {
        var path = Path.Combine(_directory, "nowhere", "metrics.json");

        var error = await Assert.ThrowsAsync<TrainyardException>(() => MetricsJson.ReadAsync(path));

        Assert.Equal(path, error.Location!.File);
    }
}
