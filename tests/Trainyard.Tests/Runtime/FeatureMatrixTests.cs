using Trainyard.Data;
using Trainyard.Data.Csv;
using Trainyard.Data.Table;
using Trainyard.Pipelines;
using Trainyard.Runtime.Features;
using Trainyard.Tests.Data;
using Trainyard.Tests.Pipelines;
using Trainyard.Training;

namespace Trainyard.Tests.Runtime;

public sealed class FeatureMatrixTests
{
    private static async Task<DataTable> ReadAsync(string file, string schema) =>
        await DataTable.ReadAsync(SampleData.PathOf(file), CsvFormat.Default, SchemaFile.Load(RepositoryRoot.File($"pipelines/{schema}")));

    private static int[] Range(int start, int count) => Enumerable.Range(start, count).ToArray();

    [Fact]
    public async Task TheColumnPathWritesWhatTheRowPathWritesForTheSameRows()
    {
        var table = await ReadAsync("credit_data.csv", "credit-risk.schema.yml");
        var matrix = FeatureMatrix.Fit(table, Range(0, 3000), null, "Status", PipelineTask.Binary, "bad");
        var rows = Range(0, table.RowCount);
        var built = matrix.Build(rows);

        var expected = new float[matrix.Width];
        var width = matrix.Width;
        foreach (var row in rows)
        {
            var values = table.Columns.ToDictionary(c => c.Name, c => c switch
            {
                NumericColumn n => n.Missing[row] ? null : (object?)n.Values[row],
                CategoricalColumn k => k[row],
                _ => null,
            });
            matrix.Featurizer.Encode(values, expected);
            Assert.Equal(expected, built.AsSpan(row * width, width).ToArray());
        }
        Assert.Contains(built, float.IsNaN); // Income, Assets, Debt, Home … have missing values
    }

    [Fact]
    public async Task BinaryLabelsPutThePositiveClassSecond()
    {
        var table = await ReadAsync("credit_data.csv", "credit-risk.schema.yml");
        var matrix = FeatureMatrix.Fit(table, Range(0, 100), null, "Status", PipelineTask.Binary, "bad");
        var status = (CategoricalColumn)table["Status"];

        Assert.Equal(["good", "bad"], matrix.Featurizer.Definition.Label!.Classes);
        Assert.DoesNotContain("Status", matrix.Featurizer.Columns.Select(c => c.Name));
        Assert.Contains("Home=rent", matrix.Featurizer.FeatureNames);
        var labels = matrix.Labels(Range(0, table.RowCount));
        for (var row = 0; row < table.RowCount; row++) Assert.Equal(status[row] == "bad" ? 1f : 0f, labels[row]);
    }

    [Fact]
    public async Task MulticlassLabelsAreClassIndicesAndRegressionLabelsAreValues()
    {
        var penguins = await ReadAsync("penguins.csv", "penguins.schema.yml");
        var species = FeatureMatrix.Fit(penguins, Range(0, 200), null, "species", PipelineTask.Multiclass);
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], species.Featurizer.Definition.Label!.Classes);
        var labels = species.Labels(Range(0, penguins.RowCount));
        var column = (CategoricalColumn)penguins["species"];
        for (var row = 0; row < penguins.RowCount; row++) Assert.Equal(species.Featurizer.Definition.Label!.Classes[(int)labels[row]], column[row]);

        var ames = await ReadAsync("ames.csv", "ames.schema.yml");
        var price = FeatureMatrix.Fit(ames, Range(0, 2000), null, "Sale_Price", PipelineTask.Regression);
        Assert.Empty(price.Featurizer.Definition.Label!.Classes);
        Assert.Equal(((NumericColumn)ames["Sale_Price"]).Values.Take(50).Select(v => (float)v), price.Labels(Range(0, 50)));
    }

    [Fact]
    public async Task CategoriesComeFromTheTrainingRowsAndOthersAreUnseen()
    {
        var table = await ReadAsync("penguins.csv", "penguins.schema.yml");
        var island = (CategoricalColumn)table["island"];
        var train = Range(0, table.RowCount).Where(r => island[r] != "Dream").ToArray();
        var dream = Range(0, table.RowCount).Where(r => island[r] == "Dream").ToArray();
        var matrix = FeatureMatrix.Fit(table, train, ["island", "bill_length_mm"], "species", PipelineTask.Multiclass);

        Assert.Equal(["island=Biscoe", "island=Torgersen", "bill_length_mm"], matrix.Featurizer.FeatureNames);
        var unseen = new UnseenCategoryCounts(matrix.Featurizer);
        var built = matrix.Build(dream, unseen);
        for (var i = 0; i < dream.Length; i++) Assert.Equal([0f, 0f], built.AsSpan(i * 3, 2).ToArray());
        Assert.Equal(dream.Length, unseen.Snapshot()["island"]);
    }

    [Fact]
    public void ADatetimeColumnIsNotAFeatureAndAMissingLabelNamesItsLine()
    {
        var table = new DataTable("orders.csv",
        [
            new NumericColumn("amount", [1, 2], [false, false]),
            new DateTimeColumn("placed", [DateTime.UnixEpoch, DateTime.UnixEpoch], [false, false]),
            new NumericColumn("price", [10, double.NaN], [false, true]),
        ], [2, 3]);

        var error = Assert.Throws<TrainyardException>(() => FeatureMatrix.Fit(table, [0, 1], ["amount", "placed"], "price", PipelineTask.Regression));
        Assert.Contains("column 'placed' in orders.csv is datetime", error.Message);

        var matrix = FeatureMatrix.Fit(table, [0, 1], null, "price", PipelineTask.Regression);
        Assert.Equal(["amount"], matrix.Featurizer.FeatureNames);
        var missing = Assert.Throws<TrainyardException>(() => matrix.Labels([0, 1]));
        Assert.Contains("orders.csv line 3: the label 'price' is missing", missing.Message);
    }

    [Fact]
    public async Task ABinaryTaskNeedsAPositiveClassThatTheLabelHas()
    {
        var table = await ReadAsync("credit_data.csv", "credit-risk.schema.yml");
        Assert.Contains("positive_class", Assert.Throws<TrainyardException>(() => FeatureMatrix.Fit(table, [0], null, "Status", PipelineTask.Binary)).Message);
        Assert.Contains("'maybe' is not a value", Assert.Throws<TrainyardException>(() => FeatureMatrix.Fit(table, [0], null, "Status", PipelineTask.Binary, "maybe")).Message);
    }
}
