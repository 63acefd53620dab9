using Microsoft.Playwright;
using Trainyard.Tests.Components;
using Trainyard.Tests.Pipelines;
using Xunit.Abstractions;

namespace Trainyard.Tests.Reporting;

/// <summary>
/// The report as a person sees it: each sample pipeline's report.html opened from disk in Debian's chromium, on a
/// laptop screen and in print. Its screenshot and PDF are kept beside the test results for a person to look at.
/// </summary>
public sealed class ReportInBrowser(DebianChromium chromium, ITestOutputHelper output) : IClassFixture<DebianChromium>
{
    /// <summary>artifacts/test-results/, where ./build.sh Test writes the .trx files.</summary>
    static readonly string Screenshots = RepositoryRoot.File("artifacts/test-results/screenshots");

    const int LaptopWidth = 1366, LaptopHeight = 768;
    // A4 less Chromium's default 1 cm print margins, in CSS pixels.
    const int PrintWidth = 718;

    [Theory]
    [InlineData("credit-risk", "credit_data.csv", new[] { "good", "bad" })]
    [InlineData("ames", "ames.csv", new string[0])]
    [InlineData("penguins", "penguins.csv", new[] { "Adelie", "Chinstrap", "Gentoo" })]
    public async Task TheReportLoadsWithNoConsoleErrorNoNetworkRequestAndEveryChartDrawnOnScreenAndInPrint(string pipeline, string data, string[] classes)
    {
        using var repo = new SampleRepository(pipeline, data);
        Assert.Equal(0, (await repo.RunAsync("Report", "--pipeline", $"pipelines/{pipeline}.yml")).ExitCode);
        var path = Path.Combine(repo.Root, $"artifacts/{pipeline}/report.html");
        var titles = ReportHtml.AssertChartsDrawn(await File.ReadAllTextAsync(path));
        var url = new Uri(path).AbsoluteUri;

        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = LaptopWidth, Height = LaptopHeight } });
        try
        {
            var activity = PageActivity.Watch(page);
            await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });

            RenderedChart.AssertEveryChartDrawn(await RenderedChart.AllOnAsync(page), titles, LaptopWidth, "screen");
            Assert.Equal([.. classes, .. classes], await ConfusionMatrixLabelsAsync(page));
            Directory.CreateDirectory(Screenshots);
            var screenshot = Path.Combine(Screenshots, $"{pipeline}-report.png");
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            Assert.True(new FileInfo(screenshot).Length > 10_000, $"the screenshot {screenshot} is nearly empty");
            output.WriteLine($"screenshot: {screenshot}");

            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await page.SetViewportSizeAsync(PrintWidth, LaptopHeight);
            RenderedChart.AssertEveryChartDrawn(await RenderedChart.AllOnAsync(page), titles, PrintWidth, "print");
            var pdf = Path.Combine(Screenshots, $"{pipeline}-report.pdf");
            await page.PdfAsync(new() { Path = pdf, Format = "A4" });
            Assert.StartsWith("%PDF", File.ReadAllText(pdf)[..4]);
            output.WriteLine($"printed: {pdf}");

            activity.AssertCleanAndOffline(url);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task WithoutDebiansChromiumTheTestsFailSayingHowToInstallIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-chromium-{Guid.NewGuid():N}", "chromium");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DebianChromium.LaunchAsync(missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("install Debian's chromium (apt-get install chromium)", error.Message);
    }

    /// <summary>The confusion matrix's axis labels (columns, then rows); empty when the report has none.</summary>
    static async Task<IReadOnlyList<string>> ConfusionMatrixLabelsAsync(IPage page) =>
        await page.Locator("svg[aria-label='Confusion matrix'] text.tick").AllTextContentsAsync();
}
