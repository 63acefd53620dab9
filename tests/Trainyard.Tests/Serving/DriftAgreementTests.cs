using System.Globalization;
using System.Text.Json;
using Trainyard.Data;
using Trainyard.Data.Drift;
using Trainyard.Data.Profiling;
using Trainyard.Runtime.Packaging;
using Trainyard.Tests.Data.Profiling;
using Xunit.Abstractions;

namespace Trainyard.Tests.Serving;

/// <summary>
/// The server's live drift and ValidateData's drift share one rule (Trainyard.Runtime.Drift): the same rows give the
/// same PSI, whether a server window counts them one by one or ValidateData profiles them and compares profiles.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class DriftAgreementTests(PackagedSample sample, ITestOutputHelper output)
{
    [Fact]
    public async Task ServerAndValidateDataGiveTheSamePsiForTheSameRows()
    {
        var rows = sample.TestRows.TakeLast(500).ToArray();
        await using var server = await ModelServer.StartAsync(sample.Environment(("TRAINYARD_DRIFT_WINDOW", "500")));
        await PredictTests.PostOkAsync(server, rows);
        var metrics = await server.Http.GetStringAsync("/metrics");

        var package = await sample.V1Async();
        var profileJson = package.Files[PackageFiles.Profile];
        var reference = ProfileJson.Deserialize(System.Text.Encoding.UTF8.GetString(profileJson.Span), "profile.json");
        var numeric = reference.Columns.Where(c => c.Type == ColumnType.Numeric).Select(c => c.Name).ToArray();
        Assert.Contains("Age", numeric);
        var compared = 0;
        foreach (var column in numeric)
        {
            if (ServerPsi(metrics, column) is not { } served) continue; // not a feature, or too few values in the window
            var fields = rows.Select(row => Field(row, column)).ToArray();
            var validated = ValidateDataPsi(reference.Find(column)!, fields, column);
            var expected = FirstPrinciplesPsi(profileJson, column, fields.Where(f => f.Length > 0).Select(double.Parse));
            output.WriteLine($"{column}: server {served:R}, ValidateData {validated:R}, first principles {expected:R}");
            Assert.Equal(expected, validated, 1e-9);
            Assert.Equal(validated, served, 1e-9);
            compared++;
        }
        Assert.True(compared >= 3, $"only {compared} numeric features compared");
    }

    /// <summary>ValidateData's route: profile the rows' values (the profiler's sketch), then the drift detector's PSI effect.</summary>
    static double ValidateDataPsi(ColumnProfile reference, IEnumerable<string> fields, string column)
    {
        var current = GeneratedValues.Accumulate(fields, name: column).ToProfile();
        var drift = DriftDetector.Compare([new NumericDriftColumn(column, reference.NumericDistribution()!, current.NumericDistribution()!)]);
        return drift.Columns.Single().Effects!.Psi;
    }

    /// <summary>
    /// PSI written out from docs/profile-format.md, independently of Trainyard's drift code: the reference sketch's
    /// buckets, each known by its top (γ^k for positive key k, −γ^(k−1) for negative, 0 for zero); the deciles are the
    /// tops of the buckets holding ranks ⌊q·(n−1)⌋, q = 0.1 … 0.9, duplicates dropped; bin i is (eᵢ₋₁, eᵢ]; a value
    /// falls in the bin of its bucket's top; shares below 1e-4 are raised to it; PSI = Σ (c − r) · ln(c / r).
    /// </summary>
    internal static double FirstPrinciplesPsi(ReadOnlyMemory<byte> profileJson, string column, IEnumerable<double> values)
    {
        using var profile = JsonDocument.Parse(profileJson);
        var sketch = profile.RootElement.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == column).GetProperty("sketch");
        var alpha = sketch.GetProperty("relative_accuracy").GetDouble();
        var gamma = (1 + alpha) / (1 - alpha);
        double Top(double x) => x > 0 ? Math.Exp(Math.Ceiling(Math.Log(x) * (1 / Math.Log(gamma))) * Math.Log(gamma))
            : x < 0 ? -Math.Exp((Math.Ceiling(Math.Log(-x) * (1 / Math.Log(gamma))) - 1) * Math.Log(gamma)) : 0;

        var buckets = new List<(double Top, long Count)>();
        var negative = sketch.GetProperty("negative").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var negativeStart = sketch.GetProperty("negative_start").GetInt32();
        for (var i = negative.Length - 1; i >= 0; i--) buckets.Add((-Math.Exp((negativeStart + i - 1) * Math.Log(gamma)), negative[i]));
        buckets.Add((0, sketch.GetProperty("zero_count").GetInt64()));
        var positiveStart = sketch.GetProperty("positive_start").GetInt32();
        buckets.AddRange(sketch.GetProperty("positive").EnumerateArray().Select((e, i) => (Math.Exp((positiveStart + i) * Math.Log(gamma)), e.GetInt64())));
        buckets.RemoveAll(b => b.Count == 0);

        var n = buckets.Sum(b => b.Count);
        var edges = new List<double>();
        for (var k = 1; k <= 9; k++)
        {
            var rank = k / 10.0 * (n - 1);
            long seen = 0;
            var edge = buckets.First(b => (seen += b.Count) > rank).Top;
            if (edges.Count == 0 || edge > edges[^1]) edges.Add(edge);
        }
        int BinOf(double top) => edges.Count(e => e < top);
        var reference = new double[edges.Count + 1];
        foreach (var (top, count) in buckets) reference[BinOf(top)] += count;
        var current = new double[edges.Count + 1];
        foreach (var value in values) current[BinOf(Top(value))]++;

        double psi = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            var r = Math.Max(reference[i] / reference.Sum(), 1e-4);
            var c = Math.Max(current[i] / current.Sum(), 1e-4);
            psi += (c - r) * Math.Log(c / r);
        }
        return psi;
    }

    /// <summary>A request's value as its CSV field: a number's text, empty when missing.</summary>
    static string Field(JsonElement row, string column) =>
        !row.TryGetProperty(column, out var value) || value.ValueKind == JsonValueKind.Null ? ""
            : value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("R", CultureInfo.InvariantCulture)
            : value.GetString()!;

    static double? ServerPsi(string metrics, string feature) =>
        metrics.Split('\n').FirstOrDefault(l => l.StartsWith($"trainyard_feature_drift_psi{{feature=\"{feature}\"}} ", StringComparison.Ordinal)) is { } line
            ? double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture) : null;
}
