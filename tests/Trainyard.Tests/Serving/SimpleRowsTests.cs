using System.Buffers;
using System.Text;
using System.Text.Json;
using Trainyard.Runtime.Features;
using Trainyard.Runtime.Packaging;
using Trainyard.Serving;

namespace Trainyard.Tests.Serving;

/// <summary>
/// The server's fast path (SimpleRows) against its general path (JsonDocument, RowCheck, the featurizer): a body it
/// takes must encode to the general path's features bit for bit; every other body it must leave to the general
/// path, which answers it as before (so malformed JSON, wrong types and missing fields keep their messages).
/// </summary>
public sealed class SimpleRowsTests
{
    static readonly FeaturizerDefinition Definition = new()
    {
        Columns =
        [
            new FeatureColumn { Name = "Income", Encoding = FeatureEncoding.Numeric },
            new FeatureColumn { Name = "Home", Encoding = FeatureEncoding.OneHot, Categories = ["owner", "rent", "parents", "élan"] },
            new FeatureColumn { Name = "Insured", Encoding = FeatureEncoding.Boolean },
        ],
        Label = new LabelDefinition { Name = "Status", Classes = ["good", "bad"] },
    };
    static readonly Featurizer Featurizer = new(Definition);
    static readonly ModelSignature Signature = ModelSignature.Derive(Definition, "binary", 0.5, new HashSet<string> { "Income" });

    const string Row = """{"Income": 129.7, "Home": "rent", "Insured": true}""";

    /// <summary>Bodies the fast path takes: each must encode as the general path encodes it.</summary>
    public static TheoryData<string> Simple => new()
    {
        Row,
        """{"Income":0,"Home":"owner","Insured":false}""",
        "  \r\n\t" + Row + " \n ",
        """{"id": "a \"quoted\" \u00e9 id", "Insured": false, "nested": {"a": [1, 2, {"b": null}]}, "Home": "owner", "Income": -0.0, "label": null}""",
        """{"Inc\u006fme": 5, "Home": "parents", "Insured": true}""", // an escaped name is the name
        """{"Income": 1e38, "Home": "élan", "Insured": true}""",
        """{"Income": 3.4028236e38, "Home": "rent", "Insured": true}""", // beyond float32: infinity in both
        """{"Income": 1e-50, "Home": "rent", "Insured": true}""",
        """{"Income": 1e999, "Home": "rent", "Insured": true}""", // beyond double: infinity in both
        """{"Income": -12345678901234567890, "Home": "rent", "Insured": true}""",
        """{"Income": 0.1, "Home": "rent", "Insured": true}""",
        """{"Income": -0, "Home": "rent", "Insured": true}""",
        """{"Income": -7, "Home": "rent", "Insured": true}""",
        """{"Income": 999999999999999, "Home": "rent", "Insured": true}""", // 15 digits
        """{"Income": -9999999999999999, "Home": "rent", "Insured": true}""", // 16 digits
        """{"Income": 16777217, "Home": "rent", "Insured": true}""", // rounds as float32
        """{"Income": 1E+2, "Home": "rent", "Insured": true}""",
        """{"Income": 1.000000059604644775390625, "Home": "rent", "Insured": true}""", // halfway between two floats
        $"[{Row}]",
        """[{"Income": 1, "Home": "owner", "Insured": true}, {"Home": "parents", "Insured": false, "Income": 2.5}]""",
        $"[{string.Join(",", Enumerable.Range(0, 1000).Select(i => $$"""{"Income": {{i}}.25, "Home": "{{(i % 2 == 0 ? "rent" : "owner")}}", "Insured": {{(i % 3 == 0 ? "true" : "false")}}}"""))}]",
    };

    /// <summary>Bodies left to the general path: malformed, wrong, or right in a way only the general path reads.</summary>
    public static TheoryData<string> General => new()
    {
        "",
        "   ",
        "{",
        """{"Income": 1,""",
        """{"Income": 1, "Home": "rent", "Insured": true,}""",
        Row + " x",
        Row + Row,
        "\uFEFF" + Row,
        """{"Income": 1, /* c */ "Home": "rent", "Insured": true}""",
        "[]",
        "[1]",
        $"[{Row}, 1]",
        $"[[{Row}]]",
        $"[{Row},]",
        "\"text\"",
        "42",
        "null",
        """{"Income": 1, "Home": "rent", "Insured": true, "Income": 2}""", // repeated: the last counts there
        """{"Home": "rent", "Insured": true}""", // missing required
        """{"Income": 1, "Insured": true}""", // missing optional
        """{"Income": null, "Home": "rent", "Insured": true}""",
        """{"Income": "42", "Home": "rent", "Insured": true}""", // a number as a string: accepted there
        """{"Income": "forty", "Home": "rent", "Insured": true}""",
        """{"Income": true, "Home": "rent", "Insured": true}""",
        """{"Income": [1], "Home": "rent", "Insured": true}""",
        """{"Income": {"v": 1}, "Home": "rent", "Insured": true}""",
        """{"Income": 1, "Home": "r\u0065nt", "Insured": true}""", // escaped category: accepted there
        """{"Income": 1, "Home": "\u00e9lan", "Insured": true}""",
        """{"Income": 1, "Home": "castle", "Insured": true}""", // unseen: counted there
        """{"Income": 1, "Home": "", "Insured": true}""",
        """{"Income": 1, "Home": 3, "Insured": true}""",
        """{"Income": 1, "Home": "rent", "Insured": 1}""",
        """{"Income": 1, "Home": "rent", "Insured": "true"}""",
        $$"""{"Income": 1, "Home": "rent", "Insured": true, "deep": {{new string('[', 70)}}{{new string(']', 70)}}}""",
        $$"""{"Income": 1, "Home": "{{new string('o', 200)}}", "Insured": true}""",
    };

    [Theory]
    [MemberData(nameof(Simple))]
    public void ASimpleBodyEncodesAsTheGeneralPathEncodesIt(string body)
    {
        var (rows, features) = Fast(body);
        Assert.True(rows > 0, "the fast path left a simple body to the general path");
        var expected = GeneralPath(body);
        Assert.NotNull(expected);
        Assert.Equal(expected.Length, rows * Featurizer.FeatureCount);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), features.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [MemberData(nameof(General))]
    public void AnyOtherBodyIsLeftToTheGeneralPath(string body) => Assert.Equal(0, Fast(body).Rows);

    [Fact]
    public void NoFastPathWhereTheSignatureTypesAreNotTheEncodings()
    {
        var renamed = Signature with { Inputs = [Signature.Inputs[0] with { Type = "categorical" }, .. Signature.Inputs.Skip(1)] };
        Assert.Null(SimpleRows.For(renamed, Featurizer));
        Assert.NotNull(SimpleRows.For(Signature, Featurizer));
    }

    [Fact]
    public void CategoriesAreMatchedAsTheGeneralPathMatchesThemWhateverTheirNumberAndText()
    {
        // Many categories (looked up as text), and one whose text is not valid UTF-16 (its bytes would name another).
        string[] many = [.. Enumerable.Range(0, 20).Select(i => $"c{i}"), "ümlaut"];
        var definition = Definition with
        {
            Columns = [Definition.Columns[0], new FeatureColumn { Name = "Home", Encoding = FeatureEncoding.OneHot, Categories = ["a", "\uD800"] },
                new FeatureColumn { Name = "Many", Encoding = FeatureEncoding.OneHot, Categories = many }],
        };
        var (featurizer, signature) = (new Featurizer(definition), ModelSignature.Derive(definition, "binary", 0.5, new HashSet<string>()));
        foreach (var category in many)
        {
            var body = $$"""{"Income": 1, "Home": "a", "Many": "{{category}}"}""";
            var (rows, features) = Fast(body, featurizer, signature);
            Assert.Equal(1, rows);
            Assert.Equal(GeneralPath(body, featurizer, signature), features);
        }
        Assert.Equal(0, Fast("""{"Income": 1, "Home": "\uFFFD", "Many": "c1"}""".Replace("\\uFFFD", "\uFFFD"), featurizer, signature).Rows);
        Assert.Equal(0, Fast("""{"Income": 1, "Home": "a", "Many": "c20"}""", featurizer, signature).Rows);
    }

    static (int Rows, float[] Features) Fast(string body, Featurizer? featurizer = null, ModelSignature? signature = null)
    {
        featurizer ??= Featurizer;
        var features = ArrayPool<float>.Shared.Rent(featurizer.FeatureCount);
        try
        {
            var rows = SimpleRows.For(signature ?? Signature, featurizer)!.TryEncode(Encoding.UTF8.GetBytes(body), ref features);
            return (rows, features[..(rows * featurizer.FeatureCount)]);
        }
        finally { ArrayPool<float>.Shared.Return(features); }
    }

    /// <summary>What the handler's general path encodes for a body it accepts (null for one it answers 400).</summary>
    static float[]? GeneralPath(string body, Featurizer? featurizer = null, ModelSignature? signature = null)
    {
        var (Featurizer, Signature) = (featurizer ?? SimpleRowsTests.Featurizer, signature ?? SimpleRowsTests.Signature);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var rows = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
        var check = new RowCheck(Signature, Featurizer, rejectUnseenCategories: false);
        var (columns, width) = (Featurizer.Columns.Count, Featurizer.FeatureCount);
        var features = new float[rows.Length * width];
        Dictionary<string, string[]>? errors = null;
        for (var i = 0; i < rows.Length; i++)
        {
            var values = new JsonElement[columns];
            check.Check(rows[i], values, root.ValueKind == JsonValueKind.Array ? i : -1, ref errors);
            if (errors is null) Featurizer.Encode(values, features.AsSpan(i * width, width), null);
        }
        return errors is null && rows.Length > 0 ? features : null;
    }
}
