using Trainyard.Data;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

public class TypeInferenceTests
{
    private static ColumnType Infer(IEnumerable<string> fields) => GeneratedValues.Accumulate(fields).ToProfile().Type;

    [Fact]
    public void Numbers_with_missing_values_are_numeric()
    {
        Assert.Equal(ColumnType.Numeric, Infer(["1", "", "2.5", "-3e2", "0"]));
    }

    [Fact]
    public void Small_integer_codes_are_numeric_before_categorical()
    {
        Assert.Equal(ColumnType.Numeric, Infer(Enumerable.Repeat(new[] { "0", "1" }, 100).SelectMany(x => x)));
    }

    [Fact]
    public void True_and_false_in_any_case_are_boolean()
    {
        Assert.Equal(ColumnType.Boolean, Infer(["true", "False", "TRUE", ""]));
    }

    [Fact]
    public void Iso_dates_and_timestamps_are_datetime()
    {
        Assert.Equal(ColumnType.DateTime, Infer(["2024-01-31", "2024-02-01T10:00:00Z", "2023-12-31 23:59:59"]));
    }

    [Fact]
    public void One_non_number_makes_a_column_of_numbers_categorical()
    {
        Assert.Equal(ColumnType.Categorical, Infer(["1", "2", "n/a", "3"]));
    }

    [Fact]
    public void Up_to_fifty_distinct_strings_are_categorical_and_fifty_one_in_few_rows_are_text()
    {
        Assert.Equal(ColumnType.Categorical, Infer(Enumerable.Range(0, 50).Select(i => $"c{i}")));
        Assert.Equal(ColumnType.Text, Infer(Enumerable.Range(0, 51).Select(i => $"c{i}")));
    }

    [Fact]
    public void Many_distinct_strings_within_five_percent_of_rows_are_categorical()
    {
        // 100 distinct values over 2,000 rows is exactly 5%; over 1,999 rows it is just above.
        Assert.Equal(ColumnType.Categorical, Infer(Enumerable.Range(0, 2000).Select(i => $"c{i % 100}")));
        Assert.Equal(ColumnType.Text, Infer(Enumerable.Range(0, 1999).Select(i => $"c{i % 100}")));
    }

    [Fact]
    public void A_column_of_only_missing_values_is_text()
    {
        Assert.Equal(ColumnType.Text, Infer(["", "", ""]));
    }

    [Fact]
    public void Past_the_category_cap_strings_are_text_even_within_five_percent()
    {
        var options = ProfileOptions.Default with { CategoryCap = 60 };
        var fields = Enumerable.Range(0, 100_000).Select(i => $"c{i % 70}");
        Assert.Equal(ColumnType.Text, GeneratedValues.Accumulate(fields, options: options).ToProfile().Type);
    }

    [Fact]
    public void A_declared_type_is_kept_whatever_the_values_look_like()
    {
        var schema = new ColumnSchema { Name = "x", Type = ColumnType.Categorical };
        Assert.Equal(ColumnType.Categorical, GeneratedValues.Accumulate(["1", "2", "3"], schema).ToProfile().Type);
    }
}
