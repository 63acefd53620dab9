using Trainyard.Data;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

public class RuleViolationsTests
{
    private static readonly ColumnSchema Income = new() { Name = "Income", Type = ColumnType.Numeric, Min = 0, Max = 500 };

    [Fact]
    public void NumericSchemaTalliesTypeAndRangeFailuresWithLinesAndValues()
    {
        // Lines 2..9; missing values (line 4) count for neither rule.
        var accumulator = GeneratedValues.Accumulate(["120", "abc", "", "900", "-1", "abc", "250", "900"], Income);

        var violations = accumulator.ToViolations().ToDictionary(v => v.Rule);

        var type = violations[RowRule.Type];
        Assert.Equal((7L, 2L), (type.Checked, type.Failing));
        Assert.Equal([3L, 7L], type.ExampleLines);
        Assert.Equal([new OffendingValue("abc", 2)], type.OffendingValues);

        var range = violations[RowRule.Range];
        Assert.Equal((5L, 3L), (range.Checked, range.Failing));
        Assert.Equal([5L, 6L, 9L], range.ExampleLines);
        Assert.Equal([new OffendingValue("900", 2), new OffendingValue("-1", 1)], range.OffendingValues);
        Assert.False(range.Holds(0.5));
        Assert.True(range.Holds(0.4));

        var profile = accumulator.ToProfile();
        Assert.Equal((8L, 1L), (profile.Count, profile.Missing));
        Assert.Equal((-1.0, 900.0), (profile.Min, profile.Max)); // statistics cover every number, in range or not
    }

    [Fact]
    public void CategoriesRuleIsExactAndCaseSensitive()
    {
        var schema = new ColumnSchema { Name = "Home", Type = ColumnType.Categorical, Categories = ["owner", "rent"] };
        var violations = GeneratedValues.Accumulate(["owner", "Owner", "rent", "", "boat"], schema).ToViolations();

        var categories = Assert.Single(violations);
        Assert.Equal(RowRule.Categories, categories.Rule);
        Assert.Equal((4L, 2L), (categories.Checked, categories.Failing));
        Assert.Equal([3L, 6L], categories.ExampleLines);
    }

    [Fact]
    public void ExampleLinesAreTheSmallestFailingLinesAfterMergingWorkersInAnyOrder()
    {
        var options = ProfileOptions.Default with { ExampleLines = 3 };
        // Failing rows on lines divisible by 10; workers get interleaved chunks of 37 lines, the first chunk last.
        var workers = Enumerable.Range(0, 4).Select(_ => new ColumnAccumulator("Income", Income, options)).ToArray();
        for (var line = 1000L; line >= 2; line--)
        {
            var field = line % 10 == 0 ? "9999" : "100";
            workers[(int)(line / 37 % 4)].Add(GeneratedValues.Utf8(field), line);
        }
        workers[3].Merge(workers[1]);
        workers[2].Merge(workers[0]);
        workers[2].Merge(workers[3]);

        var range = workers[2].ToViolations().Single(v => v.Rule == RowRule.Range);
        Assert.Equal([10L, 20L, 30L], range.ExampleLines);
        Assert.Equal(100, range.Failing);
        Assert.Equal(999, range.Checked);
        Assert.Equal([new OffendingValue("9999", 100)], range.OffendingValues);
    }

    [Fact]
    public void WithoutASchemaThereAreNoRules()
    {
        Assert.Empty(GeneratedValues.Accumulate(["1", "x"]).ToViolations());
    }
}
