using Trainyard.Data;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

public class TypeInferenceTests
{
    private static ColumnType Infer(IEnumerable<string> fields) => GeneratedValues.Accumulate(fields).ToProfile().Type;

    [Fact]
    public void NumbersWithMissingValuesAreNumeric()
    {
        Assert.Equal(ColumnType.Numeric, Infer(["1", "", "2.5", "-3e2", "0"]));
    }

    [Fact]
    public void SmallIntegerCodesAreNumericBeforeCategorical()
    {
        Assert.Equal(ColumnType.Numeric, Infer(Enumerable.Repeat(new[] { "0", "1" }, 100).SelectMany(x => x)));
    }

    [Fact]
    public void TrueAndFalseInAnyCaseAreBoolean()
    {
        Assert.Equal(ColumnType.Boolean, Infer(["true", "False", "TRUE", ""]));
    }

    [Fact]
    public void IsoDatesAndTimestampsAreDatetime()
    {
        Assert.Equal(ColumnType.DateTime, Infer(["2024-01-31", "2024-02-01T10:00:00Z", "2023-12-31 23:59:59"]));
    }

    [Fact]
    public void OneNonNumberMakesAColumnOfNumbersCategorical()
    {
        Assert.Equal(ColumnType.Categorical, Infer(["1", "2", "n/a", "3"]));
    }

    [Fact]
    public void UpToFiftyDistinctStringsAreCategoricalAndFiftyOneInFewRowsAreText()
    {
        Assert.Equal(ColumnType.Categorical, Infer(Enumerable.Range(0, 50).Select(i => $"c{i}")));
        Assert.Equal(ColumnType.Text, Infer(Enumerable.Range(0, 51).Select(i => $"c{i}")));
    }

    [Fact]
    public void ManyDistinctStringsWithinFivePercentOfRowsAreCategorical()
    {
        // 100 distinct values over 2,000 rows is exactly 5%; over 1,999 rows it is just above.
        Assert.Equal(ColumnType.Categorical, Infer(Enumerable.Range(0, 2000).Select(i => $"c{i % 100}")));
        Assert.Equal(ColumnType.Text, Infer(Enumerable.Range(0, 1999).Select(i => $"c{i % 100}")));
    }

    [Fact]
    public void AColumnOfOnlyMissingValuesIsText()
    {
        Assert.Equal(ColumnType.Text, Infer(["", "", ""]));
    }

    [Fact]
    public void PastTheCategoryCapStringsAreTextEvenWithinFivePercent()
    {
        var options = ProfileOptions.Default with { CategoryCap = 60 };
        var fields = Enumerable.Range(0, 100_000).Select(i => $"c{i % 70}");
        Assert.Equal(ColumnType.Text, GeneratedValues.Accumulate(fields, options: options).ToProfile().Type);
    }

    [Fact]
    public void ADeclaredTypeIsKeptWhateverTheValuesLookLike()
    {
        var schema = new ColumnSchema { Name = "x", Type = ColumnType.Categorical };
        Assert.Equal(ColumnType.Categorical, GeneratedValues.Accumulate(["1", "2", "3"], schema).ToProfile().Type);
    }
}
