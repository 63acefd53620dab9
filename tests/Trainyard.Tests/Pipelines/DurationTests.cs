using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

public class DurationTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("10m", 600_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    public void DurationReadsNumberAndUnit(string text, double milliseconds)
    {
        Assert.True(YamlDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("30 s")]
    [InlineData("30sec")]
    [InlineData("-5s")]
    [InlineData("s")]
    [InlineData("")]
    public void DurationWithoutAUnitOrWithAnUnknownOneIsRefused(string text)
    {
        Assert.False(YamlDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(30_000, "30s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(600_000, "10m")]
    [InlineData(0, "0s")]
    [InlineData(500, "500ms")]
    public void DurationIsShownTheWayItIsWritten(double milliseconds, string text)
    {
        Assert.Equal(text, YamlDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
