using System.Text;
using Trainyard.Data;
using Trainyard.Data.Csv;
using Trainyard.Data.Table;

namespace Trainyard.Tests.Data.Table;

public class TypeInferenceTests
{
    // Expected types come from pandas 1.5.3 (Debian's, run with /usr/bin/python3): pd.read_csv(f).dtypes.
    // int64/float64 columns are Numeric; object columns are Categorical (each has at most 28 distinct values).
    [Theory]
    [InlineData("credit_data.csv", 14, new[] { "Status", "Home", "Marital", "Records", "Job" })]
    [InlineData("penguins.csv", 7, new[] { "species", "island", "sex" })]
    [InlineData("ames.csv", 74, new[]
    {
        "MS_SubClass", "MS_Zoning", "Street", "Alley", "Lot_Shape", "Land_Contour", "Utilities", "Lot_Config", "Land_Slope",
        "Neighborhood", "Condition_1", "Condition_2", "Bldg_Type", "House_Style", "Overall_Cond", "Roof_Style", "Roof_Matl",
        "Exterior_1st", "Exterior_2nd", "Mas_Vnr_Type", "Exter_Cond", "Foundation", "Bsmt_Cond", "Bsmt_Exposure",
        "BsmtFin_Type_1", "BsmtFin_Type_2", "Heating", "Heating_QC", "Central_Air", "Electrical", "Functional", "Garage_Type",
        "Garage_Finish", "Garage_Cond", "Paved_Drive", "Pool_QC", "Fence", "Misc_Feature", "Sale_Type", "Sale_Condition",
    })]
    public async Task InferredTypesOfTheSampleFilesMatchPandas(string file, int columns, string[] objectColumns)
    {
        var table = await DataTable.ReadAsync(SampleData.PathOf(file), CsvFormat.Default);
        Assert.Equal(columns, table.Columns.Count);
        foreach (var column in table.Columns)
            Assert.True(column.Type == (objectColumns.Contains(column.Name) ? ColumnType.Categorical : ColumnType.Numeric),
                $"{file} {column.Name}: {column.Type}");
    }

    [Theory]
    [InlineData(new[] { "1", "2.5", "", "-3e2" }, ColumnType.Numeric)]
    [InlineData(new[] { "true", "FALSE", "" }, ColumnType.Boolean)]
    [InlineData(new[] { "2024-01-31", "2024-02-01T10:00:00Z" }, ColumnType.DateTime)]
    [InlineData(new[] { "red", "green", "red", "1" }, ColumnType.Categorical)]
    [InlineData(new[] { "", "" }, ColumnType.Text)]
    public void ValuesDecideTheTypeByTheDocumentedRule(string[] values, ColumnType expected)
    {
        var inference = new ColumnTypeInference();
        foreach (var value in values) inference.Observe(Encoding.UTF8.GetBytes(value));
        Assert.Equal(expected, inference.Result);
    }

    [Fact]
    public void MoreDistinctValuesThanTheCeilingMakeText()
    {
        var inference = new ColumnTypeInference(maxCategories: 3);
        foreach (var value in new[] { "a", "b", "c", "a" }) inference.Observe(Encoding.UTF8.GetBytes(value));
        Assert.Equal(ColumnType.Categorical, inference.Result);
        inference.Observe("d"u8);
        Assert.Equal(ColumnType.Text, inference.Result);
    }

    [Fact]
    public void MergingHalvesGivesTheSameAnswerAsOnePass()
    {
        var left = new ColumnTypeInference(maxCategories: 3);
        var right = new ColumnTypeInference(maxCategories: 3);
        foreach (var value in new[] { "a", "b" }) left.Observe(Encoding.UTF8.GetBytes(value));
        foreach (var value in new[] { "c", "d" }) right.Observe(Encoding.UTF8.GetBytes(value));
        Assert.Equal(ColumnType.Categorical, right.Result);
        left.Merge(right);
        Assert.Equal(ColumnType.Text, left.Result);
        Assert.Equal(4, left.Values);

        var numbers = new ColumnTypeInference();
        numbers.Observe("1"u8);
        var words = new ColumnTypeInference();
        words.Observe("x"u8);
        numbers.Merge(words);
        Assert.Equal(ColumnType.Categorical, numbers.Result);
    }
}
