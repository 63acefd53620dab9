using Trainyard.Pipelines;
using Trainyard.Training;

namespace Trainyard.Tests.Training;

/// <summary>The time split: order, cutoff, the no-cutoff rule, and rows without a time or label.</summary>
public class DataSplitTimeTests
{
    private static readonly SplitSpec Spec = new()
    {
        Method = SplitMethod.Time, TimeColumn = "applied_at", TestShare = 0.2, ValidationShare = 0.1,
        Location = new SourceLocation("pipelines/x.yml", 12, 3),
    };

    // Row i has time (i * 7) % 20: every time 0..19 once, out of row order.
    private static readonly double[] Times = Enumerable.Range(0, 20).Select(i => (double)(i * 7 % 20)).ToArray();

    private static double[] TimesOf(IEnumerable<int> rows) => rows.Select(r => Times[r]).Order().ToArray();

    [Fact]
    public void RowsAtOrAfterTheCutoffAreTestAndTheLatestOfTheRestValidate()
    {
        var split = DataSplit.Split(Spec with { NumericCutoff = 15 }, PipelineTask.Regression, new int[20], Times);

        Assert.Equal([15, 16, 17, 18, 19], TimesOf(split.Test));
        // 15 rows before the cutoff × 0.1 = 1.5 → 2 validation rows, the latest two.
        Assert.Equal([13, 14], TimesOf(split.Validation));
        Assert.Equal(Enumerable.Range(0, 13).Select(t => (double)t), TimesOf(split.Train));
        Assert.Equal<int>(split.Test.Order(), split.Test);
    }

    [Fact]
    public void WithoutCutoffTheLatestTestShareOfRowsAreTest()
    {
        var split = DataSplit.Split(Spec, PipelineTask.Regression, new int[20], Times);

        // 20 × 0.2 = 4 test rows; 16 × 0.1 = 1.6 → 2 validation rows.
        Assert.Equal([16, 17, 18, 19], TimesOf(split.Test));
        Assert.Equal([14, 15], TimesOf(split.Validation));
        Assert.Equal(14, split.Train.Length);
    }

    [Fact]
    public void DateTimeCutoffComparesWithTimesConvertedTheSameWay()
    {
        var start = new DateTime(2023, 12, 30, 0, 0, 0, DateTimeKind.Utc);
        var times = Enumerable.Range(0, 30).Select(day => DataSplit.TimeOf(start.AddHours(12 * day))).ToArray();
        var cutoff = new DateTimeOffset(2024, 1, 10, 0, 0, 0, TimeSpan.Zero);

        var split = DataSplit.Split(Spec with { Cutoff = cutoff }, PipelineTask.Regression, new int[30], times);

        // Row 22 is exactly 2024-01-10 00:00 UTC: at the cutoff counts as test.
        Assert.Equal<int>(Enumerable.Range(22, 8), split.Test);
        Assert.Equal<int>([20, 21], split.Validation);
        Assert.Equal(0, DataSplit.TimeOf(DateTime.UnixEpoch));
    }

    [Fact]
    public void EqualTimesKeepRowOrderAtTheBoundary()
    {
        var split = DataSplit.Split(Spec, PipelineTask.Regression, new int[10], new double[10]);

        Assert.Equal<int>([8, 9], split.Test);
        Assert.Equal<int>([7], split.Validation);
    }

    [Fact]
    public void RowsWithoutTimeOrLabelAreLeftOutAndCountedOnce()
    {
        var labels = new int[20];
        labels[3] = labels[4] = DataSplit.MissingLabel;
        var times = (double[])Times.Clone();
        times[4] = times[5] = times[6] = double.NaN;

        var split = DataSplit.Split(Spec with { NumericCutoff = 15 }, PipelineTask.Binary, labels, times);

        // Row 4 lacks both: counted as a missing label only.
        Assert.Equal((2, 2), (split.MissingLabelRows, split.MissingTimeRows));
        var kept = split.Train.Concat(split.Validation).Concat(split.Test).Order();
        Assert.Equal(Enumerable.Range(0, 20).Except([3, 4, 5, 6]), kept);
    }

    [Fact]
    public void CutoffAfterEveryRowIsAnErrorSayingToMoveIt()
    {
        var spec = Spec with { Cutoff = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        var error = Assert.Throws<TrainyardException>(() => DataSplit.Split(spec, PipelineTask.Regression, new int[20], Times));

        Assert.Equal("pipelines/x.yml:12:3: the time split has no test rows: no labelled row has a time_column 'applied_at' value "
            + "at or after the cutoff 2030-01-01T00:00:00Z; move the cutoff earlier", error.Message);
    }

    [Fact]
    public void CutoffBeforeAlmostEveryRowLeavesNoTrainingRows()
    {
        // One row comes before the cutoff, and validation_share 0.5 rounds it into validation.
        var spec = Spec with { NumericCutoff = 1, ValidationShare = 0.5 };

        var error = Assert.Throws<TrainyardException>(() => DataSplit.Split(spec, PipelineTask.Regression, new int[20], Times));

        Assert.Equal("pipelines/x.yml:12:3: the time split has no training rows: only 1 labelled rows with a time_column 'applied_at' value "
            + "come before the test rows, too few for validation_share 0.5; move the cutoff later", error.Message);
    }

    [Fact]
    public void CutoffBeforeEveryRowLeavesNoValidationRows()
    {
        var error = Assert.Throws<TrainyardException>(() => DataSplit.Split(Spec with { NumericCutoff = -5 }, PipelineTask.Regression, new int[20], Times));

        Assert.StartsWith("pipelines/x.yml:12:3: the time split has no validation rows: only 0 labelled rows", error.Message);
    }
}
