using Trainyard.Runtime;
using Trainyard.Runtime.Features;

namespace Trainyard.Tests.Runtime;

public sealed class FeaturizerJsonTests
{
    [Fact]
    public void AFeaturizerSurvivesAJSONRoundTrip()
    {
        var original = new Featurizer(new FeaturizerDefinition
        {
            Columns =
            [
                new FeatureColumn { Name = "Age", Encoding = FeatureEncoding.Numeric },
                new FeatureColumn { Name = "Job", Encoding = FeatureEncoding.OneHot, Categories = ["fixed", "freelance"] },
                new FeatureColumn { Name = "Insured", Encoding = FeatureEncoding.Boolean },
            ],
            Label = new LabelDefinition { Name = "Status", Classes = ["good", "bad"] },
        });
        var json = FeaturizerJson.Write(original);
        var copy = FeaturizerJson.Read(json);

        Assert.Contains("\"encoding\": \"one_hot\"", json);
        Assert.Equal(original.FeatureNames, copy.FeatureNames);
        Assert.Equal(original.Definition.Columns[1].Categories, copy.Definition.Columns[1].Categories);
        Assert.Equal(original.Definition.Label!.Classes, copy.Definition.Label!.Classes);
        Assert.Equal(json, FeaturizerJson.Write(copy));
    }

    [Theory]
    [InlineData("{ not json", "not a featurizer definition")]
    [InlineData("null", "holds null")]
    [InlineData("""{"format": "trainyard-featurizer", "version": 1}""", "not a featurizer definition")]
    [InlineData("""{"format": "something-else", "version": 1, "columns": [{"name": "a", "encoding": "numeric"}]}""", "format is 'something-else'")]
    [InlineData("""{"format": "trainyard-featurizer", "version": 9, "columns": [{"name": "a", "encoding": "numeric"}]}""", "version 9 is not supported")]
    [InlineData("""{"format": "trainyard-featurizer", "version": 1, "columns": []}""", "at least one feature column")]
    [InlineData("""{"format": "trainyard-featurizer", "version": 1, "columns": [{"name": "a", "encoding": "embedding"}]}""", "not a featurizer definition")]
    [InlineData("""{"format": "trainyard-featurizer", "version": 1, "columns": [{"name": "a", "encoding": "one_hot"}]}""", "one_hot column 'a' has no categories")]
    [InlineData("""{"format": "trainyard-featurizer", "version": 1, "columns": [{"name": "a", "encoding": "one_hot", "categories": ["x", "x"]}]}""", "lists category 'x' twice")]
    [InlineData("""{"format": "trainyard-featurizer", "version": 1, "columns": [{"name": "a", "encoding": "numeric"}, {"name": "a", "encoding": "numeric"}]}""", "column 'a' appears twice")]
    [InlineData("""{"format": "trainyard-featurizer", "version": 1, "columns": [{"name": "a", "encoding": "numeric"}], "label": {"name": "a"}}""", "also a feature column")]
    public void AMalformedFeaturizerFileIsAClearError(string json, string message)
    {
        var error = Assert.Throws<ModelFormatException>(() => FeaturizerJson.Read(json, "pipelines/x/featurizer.json"));
        Assert.StartsWith("pipelines/x/featurizer.json", error.Message);
        Assert.Contains(message, error.Message);
    }
}
