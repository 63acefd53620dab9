using Microsoft.Playwright;
using Trainyard.Reporting;
using Trainyard.Tests.Pipelines;
using Trainyard.Tests.Monitoring;
using Trainyard.Tests.Serving;
using Xunit.Abstractions;

namespace Trainyard.Tests.Reporting;

/// <summary>monitor.html as a person sees it in Debian's chromium: six hours of real logged traffic where Amount drifts halfway.</summary>
[Collection(ServingCollection.Name)]
public sealed class MonitorPageInBrowser(PackagedSample sample, DebianChromium chromium, ITestOutputHelper output) : IClassFixture<DebianChromium>
{
    static readonly string Screenshots = RepositoryRoot.File("artifacts/test-results/screenshots");
    const int LaptopWidth = 1366, LaptopHeight = 768, PrintWidth = 718;

    [Fact]
    public async Task ThePageShowsTheVerdictTheGatesAndWhenEachFeatureDrifted()
    {
        var report = await DriftArrives.MonitorAsync(sample, "psi.Amount <= 0.2", "p99_latency_ms <= 60000");
        var path = Path.Combine(sample.NewFolder(), "monitor.html");
        await MonitorHtml.WriteAsync(path, report, DateTimeOffset.UtcNow, CancellationToken.None);
        var html = await File.ReadAllTextAsync(path);
        ReportHtml.AssertSelfContained(html);
        var titles = ReportHtml.AssertChartsDrawn(html);
        Assert.Equal(["v1: live scores against the test predictions", "v1: score PSI over time", "v1: realized quality over time"], titles);

        var url = new Uri(path).AbsoluteUri;
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = LaptopWidth, Height = LaptopHeight } });
        try
        {
            var activity = PageActivity.Watch(page);
            await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });

            Assert.Equal("Degraded: 1 monitor gate(s) failed", await page.Locator("header h1").TextContentAsync());
            Assert.Contains("drift(", await page.Locator("#retrain").TextContentAsync());
            var failedGate = page.Locator("#gates tr.failed");
            Assert.Equal(1, await failedGate.CountAsync());
            Assert.Contains("psi.Amount <= 0.2", await failedGate.TextContentAsync());
            Assert.Equal(1, await page.Locator("#gates tr.passed").CountAsync());

            // The heat table: six hourly columns; Amount drifted in the last hours and not the first, Age never.
            var heat = page.Locator("#version-v1 table.heat");
            Assert.Equal(["00:00", "01:00", "02:00", "03:00", "04:00", "05:00"], await heat.Locator("thead th:not(.feature)").AllTextContentsAsync());
            var amount = heat.Locator("tbody tr", new() { Has = page.Locator("td.feature", new() { HasTextString = "Amount" }) }).Locator("td.cell");
            var drifted = await amount.EvaluateAllAsync<bool[]>("cells => cells.map(c => c.classList.contains('drifted'))");
            Assert.Equal([false, false], drifted[..2]);
            Assert.Equal([true, true], drifted[4..]);
            var age = heat.Locator("tbody tr", new() { Has = page.Locator("td.feature", new() { HasTextString = "Age" }) }).Locator("td.cell.drifted");
            Assert.Equal(0, await age.CountAsync());
            // Shaded by PSI: a drifted hour is coloured, a quiet one nearly clear.
            var shades = await amount.EvaluateAllAsync<string[]>("cells => cells.map(c => getComputedStyle(c).backgroundColor)");
            Assert.NotEqual(shades[0], shades[5]);
            Assert.DoesNotContain("rgba(0, 0, 0, 0)", shades[5]);

            // Live quality beside the evaluated figure, and the callers the log named.
            var auc = page.Locator("#version-v1 table.quality tr", new() { Has = page.Locator("code", new() { HasTextString = "auc" }) }).First;
            var cells = await auc.Locator("td").AllTextContentsAsync();
            Assert.Equal(Shown(report.Versions[0].Quality["auc"]), cells[1]);
            Assert.Equal(Shown(report.Versions[0].Evaluated["auc"]), cells[3]);
            Assert.Equal(["web", "billing"], await page.Locator("#version-v1 table.callers tbody td:first-child").AllTextContentsAsync());

            RenderedChart.AssertEveryChartDrawn(await RenderedChart.AllOnAsync(page), titles, LaptopWidth, "screen");
            Directory.CreateDirectory(Screenshots);
            var screenshot = Path.Combine(Screenshots, "credit-risk-monitor.png");
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            output.WriteLine($"screenshot: {screenshot}");

            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await page.SetViewportSizeAsync(PrintWidth, LaptopHeight);
            RenderedChart.AssertEveryChartDrawn(await RenderedChart.AllOnAsync(page), titles, PrintWidth, "print");
            activity.AssertCleanAndOffline(url);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    static string Shown(double? value) => Display.Number(value);
}
