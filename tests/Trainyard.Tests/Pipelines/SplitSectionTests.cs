using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

/// <summary>The <c>split</c> section: values as written, and each mistake reported at its value.</summary>
public class SplitSectionTests
{
    private const string Head = "name: x\ntask: binary\ndata:\n  path: data/x.csv\n  label: y\n  positive_class: bad\n";

    private static SplitSpec Reads(string section) => PipelineSpec.Parse(Head + section, "pipelines/x.yml").Split;

    private static string Fails(string section) =>
        Assert.Throws<TrainyardException>(() => PipelineSpec.Parse(Head + section, "pipelines/x.yml")).Message;

    [Fact]
    public void RandomSplitValuesAreReadAndTheSectionStartIsKept()
    {
        var split = Reads("split:\n  method: random\n  test_share: 0.25\n  validation_share: 0.15\n  seed: 7\n");

        Assert.Equal((SplitMethod.Random, 0.25, 0.15, 7), (split.Method, split.TestShare, split.ValidationShare, split.Seed));
        Assert.Equal(new SourceLocation("pipelines/x.yml", 8, 3), split.Location);
    }

    [Fact]
    public void TimeSplitReadsTheColumnAndAnIsoCutoffAsUtc()
    {
        var split = Reads("split:\n  method: time\n  time_column: applied_at\n  cutoff: 2024-01-01T02:00:00+02:00\n");

        Assert.Equal(SplitMethod.Time, split.Method);
        Assert.Equal("applied_at", split.TimeColumn);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), split.Cutoff);
        Assert.Equal(TimeSpan.Zero, split.Cutoff!.Value.Offset);
        Assert.Null(split.NumericCutoff);
    }

    [Theory]
    [InlineData("2024-03-05", "2024-03-05T00:00:00Z")]
    [InlineData("2024-03-05T10:30:00Z", "2024-03-05T10:30:00Z")]
    [InlineData("2024-03-05 10:30", "2024-03-05T10:30:00Z")]
    public void DateCutoffWithoutOffsetMeansUtc(string written, string expected)
    {
        var split = Reads($"split:\n  method: time\n  time_column: t\n  cutoff: {written}\n");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), split.Cutoff);
    }

    [Fact]
    public void NumericCutoffIsForANumericTimeColumn()
    {
        var split = Reads("split:\n  method: time\n  time_column: Year_Sold\n  cutoff: 2009\n");

        Assert.Equal(2009, split.NumericCutoff);
        Assert.Null(split.Cutoff);
    }

    [Fact]
    public void TimeMethodWithoutCutoffIsAllowed()
    {
        var split = Reads("split:\n  method: time\n  time_column: t\n");

        Assert.Null(split.Cutoff);
        Assert.Null(split.NumericCutoff);
    }

    [Theory]
    [InlineData("split:\n  test_share: 0\n", "pipelines/x.yml:8:15: 'test_share' must be above 0 and below 1, got 0")]
    [InlineData("split:\n  validation_share: 1\n", "pipelines/x.yml:8:21: 'validation_share' must be above 0 and below 1, got 1")]
    [InlineData("split:\n  test_share: 0.6\n  validation_share: 0.4\n",
        "pipelines/x.yml:9:21: 'test_share' + 'validation_share' must be below 1 so that rows remain for training, got 0.6 + 0.4")]
    [InlineData("split:\n  test_share: 0.95\n",
        "pipelines/x.yml:8:15: 'test_share' + 'validation_share' must be below 1 so that rows remain for training, got 0.95 + 0.1")]
    [InlineData("split:\n  seed: lucky\n", "pipelines/x.yml:8:9: 'seed' expects a whole number, got 'lucky'")]
    [InlineData("split:\n  method: chronological\n", "pipelines/x.yml:8:11: 'method' must be one of random, time; got 'chronological'.")]
    [InlineData("split:\n  method: tim\n", "pipelines/x.yml:8:11: 'method' must be one of random, time; got 'tim'. did you mean 'time'?")]
    [InlineData("split:\n  time_column: t\n", "pipelines/x.yml:8:16: 'time_column' applies to the time method only; add method: time or remove 'time_column'")]
    [InlineData("split:\n  cutoff: 2024-01-01\n", "pipelines/x.yml:8:11: 'cutoff' applies to the time method only; add method: time or remove 'cutoff'")]
    [InlineData("split:\n  method: time\n  time_column: t\n  cutoff: next year\n",
        "pipelines/x.yml:10:11: 'cutoff' expects a date-time such as 2024-01-01T00:00:00Z (or 2024-01-01), or a number for a numeric time column; got 'next year'")]
    [InlineData("split:\n  method: time\n  time_column: t\n  cutoff: 2024-13-45\n",
        "pipelines/x.yml:10:11: 'cutoff' expects a date-time such as 2024-01-01T00:00:00Z (or 2024-01-01), or a number for a numeric time column; got '2024-13-45'")]
    [InlineData("split:\n  test_shar: 0.3\n",
        "pipelines/x.yml:8:3: unknown key 'test_shar' in 'split'; did you mean 'test_share'? allowed keys here: method, test_share, validation_share, seed, time_column, cutoff")]
    public void MistakeIsReportedAtTheValue(string section, string expected)
    {
        Assert.Equal(expected, Fails(section));
    }

    [Fact]
    public void TimeMethodWithoutTimeColumnIsReportedAtTheSection()
    {
        Assert.Equal("pipelines/x.yml:8:3: missing required key 'time_column' in 'split' (the mapping that starts at line 8): "
            + "the time method needs the column that orders rows in time, e.g. time_column: applied_at",
            Fails("split:\n  method: time\n  cutoff: 2024-01-01\n"));
    }
}
