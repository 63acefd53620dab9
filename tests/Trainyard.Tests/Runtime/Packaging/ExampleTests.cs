using System.Text.Json;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Runtime.Packaging;

public sealed class ExampleTests
{
    [Theory]
    [InlineData("credit")]
    [InlineData("penguins")]
    [InlineData("ames")]
    public async Task TheExpectedOutputsAreWhatTheScorerGivesForTheExampleRows(string fixture)
    {
        var package = ModelPackage.Unpack((await FixturePackage.CreateAsync(fixture)).Pack(), "test");
        var (featurizer, scorer, example) = (package.ReadFeaturizer(), package.ReadScorer(), package.ReadExample());
        var parity = await ParityFixture.LoadAsync(fixture);

        Assert.Equal(5, example.Inputs.Count);
        for (var i = 0; i < example.Inputs.Count; i++)
        {
            var features = new float[featurizer.FeatureCount];
            var output = new float[scorer.OutputCount];
            featurizer.Encode(example.Inputs[i], features);
            scorer.Predict(features, output);
            Assert.Equal(output, Outputs(example.Outputs[i], scorer.OutputCount));   // exactly, after the JSON round trip
            // And within 1e-6 of libxgboost's own prediction for the same row (the fixture's independent reference).
            Assert.All(output.Zip(parity.Expected[i]), pair => Assert.True(Math.Abs(pair.First - pair.Second) <= 1e-6, $"{pair.First} vs libxgboost {pair.Second}"));
        }
    }

    [Fact]
    public async Task ABinaryExamplePredictsThePositiveClassAtOrAboveTheThreshold()
    {
        var example = (await FixturePackage.CreateAsync("credit", exampleRows: 40)).ReadExample();

        Assert.All(example.Outputs, o =>
        {
            Assert.Equal(["good", "bad"], o.Probabilities!.Keys);
            Assert.Equal(o.Probabilities["bad"] >= 0.3 ? "bad" : "good", o.Label);   // the fixture's threshold is 0.3
        });
        Assert.Contains(example.Outputs, o => o.Label == "bad");
        Assert.Contains(example.Outputs, o => o.Label == "good");
    }

    [Fact]
    public async Task ExampleRowsAreObjectsKeyedByColumnNameAsAClientSendsThem()
    {
        var example = (await FixturePackage.CreateAsync()).File("example.json");

        using var document = JsonDocument.Parse(example);
        var first = document.RootElement.GetProperty("inputs")[0];
        Assert.Equal(JsonValueKind.Object, first.ValueKind);
        Assert.Equal("rent", first.GetProperty("Home").GetString());      // the fixture's first row
        Assert.Equal(52, first.GetProperty("Age").GetDouble());
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("outputs")[0].GetProperty("probabilities").ValueKind);
    }

    static float[] Outputs(Prediction prediction, int count) =>
        prediction.Value is { } value ? [value]
        : count == 1 ? [prediction.Probabilities!.Values.Last()]   // binary: the scorer's one output is P(positive)
        : [.. prediction.Probabilities!.Values];
}
