using Trainyard.Targets;
using Trainyard.Tests.Targets;
using Trainyard.Tests.Reporting;

namespace Trainyard.Tests.Components;

public sealed class Report
{
    static readonly string[] Sections = ["id=\"verdict\"", "id=\"gates\"", "id=\"metrics\"", "id=\"charts\"", "id=\"findings\"", "id=\"drift\"", "id=\"columns\"", "id=\"lineage\""];

    [Theory]
    [InlineData("credit-risk", "credit_data.csv", new[] { "ROC curve", "Precision–recall curve", "Cumulative gain by decile", "Lift by decile", "Calibration", "Confusion matrix", "Feature importance: share of total gain", "Permutation importance: drop in auc" })]
    [InlineData("ames", "ames.csv", new[] { "Predicted against actual", "Residual against predicted", "Residual quantiles", "Feature importance: share of total gain" })]
    [InlineData("penguins", "penguins.csv", new[] { "Precision, recall and F1 per class", "Confusion matrix", "Feature importance: share of total gain" })]
    public async Task EverySamplePipelineGetsOneSmallSelfContainedReportWithEverySectionAndChart(string pipeline, string data, string[] charts)
    {
        using var repo = new SampleRepository(pipeline, data);

        var result = await repo.RunAsync("Report", "--pipeline", $"pipelines/{pipeline}.yml");

        Assert.Equal(0, result.ExitCode);
        var path = Path.Combine(repo.Root, $"artifacts/{pipeline}/report.html");
        Assert.InRange(new FileInfo(path).Length, 1, ReportHtml.MaxBytes - 1);
        var html = repo.Read($"artifacts/{pipeline}/report.html");
        ReportHtml.AssertSelfContained(html);
        foreach (var section in Sections) Assert.Contains(section, html);
        Assert.Contains("gates passed", html);
        Assert.Contains("sha256", html);
        var drawn = ReportHtml.AssertChartsDrawn(html);
        foreach (var chart in charts) Assert.Contains(chart, drawn);
        Assert.Contains(drawn, title => title.EndsWith("training data (bars) and reference (line)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnchangedReportIsUpToDateAndIsWrittenAgainAfterAFailedEvaluateChangedItsInputs()
    {
        using var repo = new SampleRepository();
        Assert.Equal(0, (await repo.RunAsync("Report")).ExitCode);

        var again = await repo.RunAsync("Report");
        Assert.Equal(TargetStatus.UpToDate, again.Of("Report").Status);
        Assert.DoesNotContain("Wrote artifacts/credit-risk/report.html", repo.Output);

        // A failed gate: Evaluate writes new metrics, then fails; the report says so.
        repo.AddGate("credit-risk", "auc >= 0.99");
        var failed = await repo.RunAsync("Report");
        Assert.Equal(TargetStatus.Failed, failed.Of("Evaluate").Status);
        Assert.Equal(TargetStatus.Succeeded, failed.Of("Report").Status);
        Assert.Contains("1 of 5 gates failed: auc >= 0.99", System.Net.WebUtility.HtmlDecode(repo.Read("artifacts/credit-risk/report.html")));

        // Evaluate failed, so it runs again and rewrites metrics.json (new serving timings): the report follows.
        var failedAgain = await repo.RunAsync("Report");
        Assert.Equal(TargetStatus.Succeeded, failedAgain.Of("Report").Status);
        Assert.Contains("Running: input artifacts/credit-risk/metrics.json changed", repo.Output);
    }

    [Fact]
    public async Task AFailedGateFailsTheBuildButTheReportIsStillWrittenAndNamesTheGate()
    {
        using var repo = new SampleRepository();
        repo.AddGate("credit-risk", "auc >= 0.99");

        var result = await repo.RunAsync("Report");

        Assert.Equal(1, result.ExitCode);
        var html = repo.Read("artifacts/credit-risk/report.html");
        Assert.Contains("class=\"verdict failed\"", html);
        Assert.Matches("<h1>1 of \\d+ gates failed: auc >= 0.99</h1>", System.Net.WebUtility.HtmlDecode(html));
        Assert.Contains("auc 0.", System.Net.WebUtility.HtmlDecode(html));
        Assert.Contains("Wrote artifacts/credit-risk/report.html", repo.Output);
        ReportHtml.AssertChartsDrawn(html);
    }

    [Fact]
    public async Task DataThatFailsValidationStillGetsAReportWithItsValuesEncoded()
    {
        using var repo = new SampleRepository();
        repo.ChangeLine("data/credit_data.csv", 2, line => line.Replace("\"rent\"", "\"<b>rent & co</b>\""));

        var result = await repo.RunAsync("Report");

        Assert.Equal(1, result.ExitCode);
        var html = repo.Read("artifacts/credit-risk/report.html");
        Assert.Contains("Data validation failed", html);
        Assert.Contains("metrics.json is missing", html);
        Assert.Contains("&lt;b&gt;rent &amp; co&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>rent", html);
        ReportHtml.AssertSelfContained(html);
    }
}
