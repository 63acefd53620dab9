using Trainyard.Reporting;

namespace Trainyard.Tests.Reporting;

public sealed class MissingArtifactsTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("trainyard-report-").FullName;

    [Fact]
    public async Task WithNoArtifactsEverySectionSaysWhatIsMissingAndWhichTargetMakesIt()
    {
        var artifacts = Path.Combine(_root, "artifacts", "credit-risk");
        Directory.CreateDirectory(artifacts);

        var inputs = await ReportInputs.LoadAsync("credit-risk", artifacts, _root, null, CancellationToken.None);
        var html = HtmlReport.Render(inputs, DateTimeOffset.UnixEpoch);

        Assert.Contains("Not evaluated: metrics.json is missing", html);
        Assert.Contains("metrics.json is missing: run Evaluate first", html);
        Assert.Contains("validation.json is missing: run ValidateData first", html);
        Assert.Contains("run.json is missing: run Train first", html);
        ReportHtml.AssertSelfContained(html);
    }

    [Fact]
    public async Task AnUnreadableArtifactIsReportedNotThrown()
    {
        var artifacts = Path.Combine(_root, "artifacts", "credit-risk");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(Path.Combine(artifacts, "metrics.json"), "{ not json");

        var inputs = await ReportInputs.LoadAsync("credit-risk", artifacts, _root, null, CancellationToken.None);

        Assert.Null(inputs.Metrics);
        Assert.StartsWith("metrics.json could not be read", inputs.Problem("metrics.json"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
