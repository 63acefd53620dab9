using System.Text.Json;
using Trainyard.Runtime;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Runtime.Packaging;

public sealed class SignatureTests
{
    [Fact]
    public async Task InputsAreTheFeaturizerColumnsWithTypesTrainingCategoriesAndRequired()
    {
        var signature = (await FixturePackage.CreateAsync()).ReadSignature();

        Assert.Equal(["Seniority", "Home", "Time", "Age", "Marital", "Records", "Job", "Expenses", "Income", "Assets", "Debt", "Amount", "Price"],
            signature.Inputs.Select(i => i.Name));
        var home = signature.Inputs.Single(i => i.Name == "Home");
        Assert.Equal("categorical", home.Type);
        Assert.Contains("rent", home.Categories!);
        Assert.Equal("numeric", signature.Inputs.Single(i => i.Name == "Income").Type);
        Assert.Null(signature.Inputs.Single(i => i.Name == "Income").Categories);
        Assert.Equal(["Age"], signature.Inputs.Where(i => i.Required).Select(i => i.Name));   // the fixture marks Age required
    }

    [Fact]
    public async Task ABinaryOutputNamesTheClassesThePositiveOneAndTheThreshold()
    {
        using var json = JsonDocument.Parse((await FixturePackage.CreateAsync()).File("signature.json"));

        var output = json.RootElement.GetProperty("output");
        Assert.Equal("binary", json.RootElement.GetProperty("task").GetString());
        Assert.Equal("Status", output.GetProperty("label").GetString());
        Assert.Equal(["good", "bad"], output.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("bad", output.GetProperty("positive_class").GetString());
        Assert.Equal(0.3, output.GetProperty("threshold").GetDouble());
    }

    [Fact]
    public async Task AMulticlassOutputHasClassesAndARegressionOutputOnlyItsLabel()
    {
        var penguins = (await FixturePackage.CreateAsync("penguins")).ReadSignature().Output;
        var ames = (await FixturePackage.CreateAsync("ames")).ReadSignature().Output;

        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], penguins.Classes);
        Assert.Null(penguins.PositiveClass);
        Assert.Equal(new SignatureOutput("Sale_Price"), ames);
    }

    [Fact]
    public void MulticlassPredictsTheMostProbableClass()
    {
        var signature = new ModelSignature { Task = "multiclass", Inputs = [], Output = new SignatureOutput("species", ["a", "b", "c"]) };

        var prediction = signature.Interpret([0.2f, 0.5f, 0.3f]);

        Assert.Equal("b", prediction.Label);
        Assert.Equal([0.2f, 0.5f, 0.3f], prediction.Probabilities!.Values);
    }

    [Fact]
    public async Task ASignatureForTheWrongTaskIsRefused()
    {
        var parity = await ParityFixture.LoadAsync("penguins");

        var error = Assert.Throws<ModelFormatException>(() => ModelSignature.Derive(parity.Featurizer.Definition, "binary", 0.5, new HashSet<string>()));

        Assert.Contains("the label 'species' has 3 classes, which a binary model cannot have", error.Message);
    }
}
