using Trainyard.Data;
using Trainyard.Data.Csv;
using Trainyard.Data.Table;

namespace Trainyard.Tests.Data.Table;

public class DataTableTests
{
    [Fact]
    public async Task CreditDataCellsReadAsPandasReadsThem()
    {
        var table = await DataTable.ReadAsync(SampleData.PathOf("credit_data.csv"), CsvFormat.Default);
        Assert.Equal(4454, table.RowCount);
        var price = (NumericColumn)table["Price"];
        Assert.Equal(846, price.Values[0]);
        var home = (CategoricalColumn)table["Home"];
        Assert.Equal("rent", home[0]);
        // Row 29 (line 31) has Home, Job and Income empty: "bad",0,,48,37,"single","no",,35,,,,1500,1850
        Assert.Null(home[29]);
        Assert.True(((NumericColumn)table["Income"]).Missing[29]);
        Assert.True(double.IsNaN(((NumericColumn)table["Income"]).Values[29]));
        Assert.Equal(31, table.RowLines[29]);
        Assert.Equal(6, home.MissingCount);
        Assert.Equal(381, table["Income"].MissingCount);
        Assert.Equal(["ignore", "other", "owner", "parents", "priv", "rent"], home.Categories.Order());
    }

    [Fact]
    public async Task AmesAndPenguinsCellsReadAsPandasReadsThem()
    {
        var ames = await DataTable.ReadAsync(SampleData.PathOf("ames.csv"), CsvFormat.Default);
        Assert.Equal(-93.619754, ((NumericColumn)ames["Longitude"]).Values[0]);
        Assert.Equal(215000, ((NumericColumn)ames["Sale_Price"]).Values[0]);
        Assert.Equal("North_Ames", ((CategoricalColumn)ames["Neighborhood"])[0]);

        var penguins = await DataTable.ReadAsync(SampleData.PathOf("penguins.csv"), CsvFormat.Default);
        Assert.Equal(39.1, ((NumericColumn)penguins["bill_length_mm"]).Values[0]);
        Assert.True(penguins["bill_length_mm"].IsMissing(3));
        Assert.Equal(11, penguins["sex"].MissingCount);
    }

    [Fact]
    public async Task SchemaTypesOverrideInferenceAndDeclaredCategoriesComeFirst()
    {
        using var file = new TemporaryCsv("id,flag,when,color\n7,true,2024-03-01,red\n8,,2024-03-02,blue\n");
        var schema = new DatasetSchema
        {
            Columns =
            [
                new ColumnSchema { Name = "id", Type = ColumnType.Text },
                new ColumnSchema { Name = "color", Type = ColumnType.Categorical, Categories = ["blue", "green", "red"] },
            ],
        };
        var table = await DataTable.ReadAsync(file.Path, CsvFormat.Default, schema);
        Assert.Equal(["7", "8"], ((TextColumn)table["id"]).Values.Select(v => v ?? "(missing)"));
        Assert.Equal([true, false], ((BooleanColumn)table["flag"]).Missing.Select(m => !m));
        Assert.Equal(new DateTime(2024, 3, 2, 0, 0, 0, DateTimeKind.Utc), ((DateTimeColumn)table["when"]).Values[1]);
        var color = (CategoricalColumn)table["color"];
        Assert.Equal([2, 0], color.Codes);
        Assert.Equal(["blue", "green", "red"], color.Categories);
    }

    [Fact]
    public async Task AValueThatDoesNotMatchTheSchemaTypeNamesLineColumnAndValue()
    {
        using var file = new TemporaryCsv("Name,Age\nann,31\nbob,\"multi\nline\"\ncy,N/A\n");
        var schema = new DatasetSchema { Columns = [new ColumnSchema { Name = "Age", Type = ColumnType.Numeric }] };
        var error = await Assert.ThrowsAsync<DataFileException>(() => DataTable.ReadAsync(file.Path, CsvFormat.Default, schema));
        Assert.Equal($"{file.Path} line 3, column 'Age': expected a number, got 'multi\nline'", error.Message);
    }

    [Fact]
    public async Task TheFirstMismatchInFileOrderIsReportedAcrossColumns()
    {
        using var file = new TemporaryCsv("a,b\n1,2\n3,x\ny,4\n");
        var schema = new DatasetSchema
        {
            Columns = [new ColumnSchema { Name = "a", Type = ColumnType.Numeric }, new ColumnSchema { Name = "b", Type = ColumnType.Numeric }],
        };
        var error = await Assert.ThrowsAsync<DataFileException>(() => DataTable.ReadAsync(file.Path, CsvFormat.Default, schema));
        Assert.Equal($"{file.Path} line 3, column 'b': expected a number, got 'x'", error.Message);
    }
}
