using Trainyard.Reporting;

namespace Trainyard.Tests.Reporting;

public sealed class CommentMarkdownTests
{
    [Fact]
    public void AWideDatasetIsFoldedUnderGitHubsLimitAndSaysWhatWasLeftOut()
    {
        // 3,000 drifted columns and 2,000 findings: about 400,000 characters before folding.
        var drift = Enumerable.Range(0, 3000).Select(i => new DriftRow($"column_{i}", "psi", "0.5", "0.25", "⚠️ drifted", true, "")).ToArray();
        var findings = Enumerable.Range(0, 2000).Select(i => new FindingRow("error", $"column_{i}", "type", "a number", "1 of 10 rows fail: 'N/A' ×1")).ToArray();
        var page = Page() with { DriftColumns = drift, Findings = findings };

        var markdown = new CommentMarkdown().Render(page);

        Assert.InRange(markdown.Length, 1, 65_536 - 200);
        Assert.Contains("### ✅ demo: All 2 gates passed", markdown);
        Assert.Matches(@"_Drift: \d+ of 3000 rows shown to keep this comment under GitHub's size limit; the report has them all\._", markdown);
        Assert.Matches(@"_Data findings: \d+ of 2000 rows shown", markdown);
        Assert.EndsWith("<sub>Trainyard 0.1.0</sub>\n", markdown);
    }

    [Fact]
    public void ASmallCommentIsNotShortened()
    {
        var markdown = new CommentMarkdown().Render(Page());

        Assert.DoesNotContain("rows shown", markdown);
        Assert.Contains("| ✅ | `auc >= 0.8` | 0.83 | 0.81 | +0.02 ▲ |", markdown);
    }

    [Theory]
    [InlineData("a|b", @"a\|b")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("two\nlines", "two lines")]
    [InlineData("[link](http://x)", @"\[link\](http://x)")]
    [InlineData("snake_case *bold*", @"snake\_case \*bold\*")]
    public void DataValuesCannotBreakATableOpenALinkOrInjectHtml(string value, string expected) =>
        Assert.Equal(expected, Markdown.Cell(value));

    [Theory]
    [InlineData("data/a`b.csv", "`data/ab.csv`")]
    [InlineData("two\nlines", "`two lines`")]
    public void CodeSpansDropBackticksAndNewlinesRatherThanEndEarly(string value, string expected) =>
        Assert.Equal(expected, Markdown.Code(value));

    [Fact]
    public async Task AFindingAboutTheWholeDataSetNamesItInTheColumnCell()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trainyard-validation-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            {"passed": false, "rows": 12, "errors": 1, "warnings": 0, "findings": [
              {"severity": "error", "column": null, "rule": "min_rows", "expected": "at least 1000 rows", "observed": "12 rows"},
              {"severity": "warning", "column": "Income", "rule": "null_rate", "expected": "≤ 12.9% missing", "observed": "20%"}]}
            """);
        try
        {
            var summary = await ValidationSummary.ReadAsync(path, CancellationToken.None);
            var markdown = new CommentMarkdown().Render(Page() with { Findings = summary.Findings, ShowFindings = true });

            Assert.Equal(["(data set)", "Income"], summary.Findings.Select(f => f.Column));
            Assert.Contains("| error | (data set) | min_rows |", markdown);
        }
        finally { File.Delete(path); }
    }

    static CommentPage Page() => new(
        "✅ demo: All 2 gates passed", [],
        [new CommentRow("✅", "`auc >= 0.8`", "0.83", "0.81", "+0.02 ▲"), new CommentRow("", "Log loss", "0.4", "—", "—")],
        "Baseline: demo:v1 (production)", "Drift: none of 3 columns drifted.", "Model trained on `data/demo.csv`.", "📊 [Full report](https://example.com)",
        [], [], [], [], [], [], "Trainyard 0.1.0");
}
