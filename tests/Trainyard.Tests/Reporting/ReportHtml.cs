using System.Text.RegularExpressions;

namespace Trainyard.Tests.Reporting;

/// <summary>Checks a report page must pass whatever it shows: self-contained, small, and every chart drawn.</summary>
internal static partial class ReportHtml
{
    public const long MaxBytes = 2 * 1024 * 1024;

    public static void AssertSelfContained(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ResourceReference().Matches(html), m => !m.Groups[1].Value.StartsWith('#'));
    }

    /// <summary>Every <c>&lt;svg&gt;</c> draws something; returns the charts' titles (aria-label), in page order.</summary>
    public static IReadOnlyList<string> AssertChartsDrawn(string html)
    {
        var charts = Svg().Matches(html);
        Assert.NotEmpty(charts);
        foreach (Match chart in charts)
            Assert.True(Regex.IsMatch(chart.Groups[2].Value, "<(rect|polyline|circle|line) "), $"the chart '{chart.Groups[1].Value}' draws nothing");
        return [.. charts.Select(c => System.Net.WebUtility.HtmlDecode(c.Groups[1].Value))];
    }

    [GeneratedRegex("""(?:src|href)\s*=\s*["']?([^"'\s>]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceReference();

    [GeneratedRegex("""<svg [^>]*aria-label="([^"]*)"[^>]*>(.*?)</svg>""", RegexOptions.Singleline)]
    private static partial Regex Svg();
}
