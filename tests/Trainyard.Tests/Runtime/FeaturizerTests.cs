using System.Text.Json;
using Trainyard.Runtime;
using Trainyard.Runtime.Features;

namespace Trainyard.Tests.Runtime;

public sealed class FeaturizerTests
{
    private static readonly Featurizer Credit = new(new FeaturizerDefinition
    {
        Columns =
        [
            new FeatureColumn { Name = "Income", Encoding = FeatureEncoding.Numeric },
            new FeatureColumn { Name = "Home", Encoding = FeatureEncoding.OneHot, Categories = ["owner", "rent", "parents"] },
            new FeatureColumn { Name = "Insured", Encoding = FeatureEncoding.Boolean },
        ],
        Label = new LabelDefinition { Name = "Status", Classes = ["good", "bad"] },
    });

    private static float[] Encode(string json, UnseenCategoryCounts? unseen = null)
    {
        var features = new float[Credit.FeatureCount];
        using var document = JsonDocument.Parse(json);
        Credit.Encode(document.RootElement, features, unseen);
        return features;
    }

    [Fact]
    public void FeatureNamesAreColumnsAndOneHotSlotsInOrder()
    {
        Assert.Equal(["Income", "Home=owner", "Home=rent", "Home=parents", "Insured"], Credit.FeatureNames);
        Assert.Equal(1, Credit.OffsetOf(1));
        Assert.Equal(3, Credit.WidthOf(1));
    }

    [Fact]
    public void NumbersPassThroughAsFloat32AndCategoriesBecomeOneHot()
    {
        Assert.Equal([129.7f, 0f, 1f, 0f, 1f], Encode("""{"Income": 129.7, "Home": "rent", "Insured": true}"""));
        Assert.Equal([42f, 0f, 0f, 1f, 0f], Encode("""{"Income": "42", "Home": "parents", "Insured": "false"}"""));
    }

    [Fact]
    public void ColumnsAreFoundWhateverTheirOrderAndOtherPropertiesAreIgnored()
    {
        float[] expected = [129.7f, 0f, 1f, 0f, 1f];
        Assert.Equal(expected, Encode("""{"Insured": true, "Home": "rent", "Income": 129.7}"""));
        Assert.Equal(expected, Encode("""{"id": 7, "Income": 129.7, "Status": "bad", "Home": "rent", "Insured": true}"""));
    }

    [Fact]
    public void OfARepeatedColumnTheLastValueCountsAsWithTryGetProperty()
    {
        using var document = JsonDocument.Parse("""{"Income": 1, "Home": "owner", "Income": 2}""");
        Assert.True(document.RootElement.TryGetProperty("Income", out var last));
        Assert.Equal(2, last.GetDouble());
        Assert.Equal(2f, Encode("""{"Income": 1, "Home": "owner", "Income": 2}""")[0]);
    }

    [Fact]
    public void EscapedNamesAndCategoriesMatchTheirText()
    {
        // \u0065 is 'e': JSON escapes decode before matching, as GetString() would.
        Assert.Equal([129.7f, 0f, 1f, 0f, 1f], Encode("""{"Inc\u006fme": 129.7, "Home": "r\u0065nt", "Insured": true}"""));
        var unseen = new UnseenCategoryCounts(Credit);
        Assert.Equal([0f, 0f, 0f], Encode($$"""{"Home": "{{new string('r', 300)}}"}""", unseen).AsSpan(1, 3).ToArray());
        Assert.Equal([0f, 0f, 0f], Encode("""{"Home": "rent✓"}""", unseen).AsSpan(1, 3).ToArray());
        Assert.Equal(2, unseen.Total);
    }

    [Fact]
    public void CategoriesOutsideASCIIMatch()
    {
        var city = new Featurizer(new FeaturizerDefinition
        {
            Columns = [new FeatureColumn { Name = "Stadt", Encoding = FeatureEncoding.OneHot, Categories = ["Köln", "Zürich", "東京"] }],
            Label = new LabelDefinition { Name = "y", Classes = ["a", "b"] },
        });
        var features = new float[3];
        foreach (var (json, slot) in new[] { ("""{"Stadt": "Zürich"}""", 1), ("""{"Stadt": "東京"}""", 2), ("""{"Stadt": "K\u00f6ln"}""", 0) })
        {
            using var document = JsonDocument.Parse(json);
            city.Encode(document.RootElement, features);
            Assert.Equal(1f, features[slot]);
            Assert.Equal(1f, features.Sum());
        }
    }

    [Fact]
    public void MissingValuesAreNaNInEverySlotOfTheirColumn()
    {
        var features = Encode("""{"Income": null, "Home": null}""");
        Assert.All(features, f => Assert.True(float.IsNaN(f)));
        Assert.All(Encode("""{"Home": ""}""").AsSpan(1, 3).ToArray(), f => Assert.True(float.IsNaN(f)));
    }

    [Fact]
    public void AnUnseenCategoryIsZeroInEverySlotAndCounted()
    {
        var unseen = new UnseenCategoryCounts(Credit);
        var features = Encode("""{"Income": 1, "Home": "castle", "Insured": 0}""", unseen);
        Encode("""{"Home": "boat"}""", unseen);
        Encode("""{"Home": "rent"}""", unseen);
        Assert.Equal([1f, 0f, 0f, 0f, 0f], features);
        Assert.Equal(2, unseen.Total);
        Assert.Equal(new Dictionary<string, long> { ["Home"] = 2 }, unseen.Snapshot());
    }

    [Fact]
    public void DictionaryRowsEncodeLikeJSONRows()
    {
        var features = new float[Credit.FeatureCount];
        Credit.Encode(new Dictionary<string, object?> { ["Income"] = 129.7, ["Home"] = "owner", ["Insured"] = false, ["Status"] = "bad" }, features);
        Assert.Equal([129.7f, 1f, 0f, 0f, 0f], features);
    }

    [Theory]
    [InlineData("""{"Income": "lots"}""", "column 'Income': expected a number, got 'lots'")]
    [InlineData("""{"Income": true}""", "column 'Income': expected a number, got 'true'")]
    [InlineData("""{"Insured": "maybe"}""", "column 'Insured': expected true or false, got 'maybe'")]
    [InlineData("""{"Home": ["rent"]}""", "column 'Home': expected a number, string, boolean or null, got a JSON array")]
    [InlineData("""[1, 2]""", "an input row must be a JSON object")]
    public void AValueOfTheWrongKindIsAnErrorNamingTheColumn(string json, string message)
    {
        var error = Assert.Throws<ModelFormatException>(() => Encode(json));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void AFeatureBufferOfTheWrongLengthIsRefused()
    {
        using var document = JsonDocument.Parse("{}");
        var error = Assert.Throws<ModelFormatException>(() => Credit.Encode(document.RootElement, new float[3]));
        Assert.Contains("this featurizer writes 5", error.Message);
    }
}
