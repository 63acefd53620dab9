using System.Text.Json;
using System.Text.Json.Nodes;
using Trainyard.Runtime.Features;
using Trainyard.Runtime.Scoring;
using Trainyard.Tests.Pipelines;

namespace Trainyard.Tests.Runtime;

/// <summary>One data set's fixture from Fixtures/make_fixtures.py: model, featurizer, raw rows and libxgboost's predictions.</summary>
internal sealed record ParityFixture(XGBoostScorer Scorer, Featurizer Featurizer, JsonElement[] Rows, float[][] Expected)
{
    public static string PathOf(string file) => RepositoryRoot.File($"tests/Trainyard.Tests/Runtime/Fixtures/{file}");

    public static async Task<ParityFixture> LoadAsync(string name)
    {
        var scorer = await XGBoostScorer.LoadFileAsync(PathOf($"{name}.model.json"));
        var featurizer = await FeaturizerJson.ReadFileAsync(PathOf($"{name}.featurizer.json"));
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(PathOf($"{name}.rows.json")));
        var columns = document.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
        // Rows are stored as arrays to keep the fixture small; the server receives objects, so rebuild those.
        var rows = document.RootElement.GetProperty("rows").EnumerateArray().Select(row =>
        {
            var item = new JsonObject();
            var values = row.EnumerateArray().ToArray();
            for (var c = 0; c < columns.Length; c++) item[columns[c]] = JsonNode.Parse(values[c].GetRawText());
            return JsonSerializer.SerializeToElement(item);
        }).ToArray();
        var expected = document.RootElement.GetProperty("expected").EnumerateArray()
            .Select(p => p.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();
        return new ParityFixture(scorer, featurizer, rows, expected);
    }

    /// <summary>The rows encoded by the featurizer's row path, row-major.</summary>
    public float[] EncodeAll(UnseenCategoryCounts? unseen = null)
    {
        var width = Featurizer.FeatureCount;
        var matrix = new float[Rows.Length * width];
        for (var r = 0; r < Rows.Length; r++) Featurizer.Encode(Rows[r], matrix.AsSpan(r * width, width), unseen);
        return matrix;
    }
}
