using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Trainyard.Serving;

namespace Trainyard.Tests.Serving;

/// <summary>
/// <c>trainyard_prediction_score</c>: the score histogram CanaryDeploy's score_psi compares. Expected counts are
/// computed here from the server's own answers, bucket by bucket, not by the server's histogram code.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed partial class ScoreHistogramTests(PackagedSample sample)
{
    [Fact]
    public async Task TheHistogramCountsEachPredictionsPositiveClassProbabilityByThePackagesDeciles()
    {
        var deciles = (await sample.V1Async()).Metadata.ScoreDeciles!;
        await using var server = await ModelServer.StartAsync(sample.Environment());
        var scores = new List<double>();
        foreach (var chunk in sample.TestRows.Chunk(100))
            foreach (var prediction in (await PredictTests.PostOkAsync(server, chunk)).GetProperty("predictions").EnumerateArray())
                scores.Add(prediction.GetProperty("probabilities").GetProperty("bad").GetSingle()); // "bad" is the positive class; a float, as scored

        var metrics = await server.Http.GetStringAsync("/metrics");

        var buckets = Buckets(metrics);
        // Prometheus buckets are cumulative and `le` is inclusive: bucket b counts the scores ≤ b; +Inf counts all.
        var bounds = deciles.Distinct().Order().ToList();
        Assert.Equal([.. bounds.Select(Label), "+Inf"], buckets.Select(b => b.Le));
        for (var i = 0; i < bounds.Count; i++) Assert.Equal(scores.Count(s => s <= bounds[i]), buckets[i].Count);
        Assert.Equal(scores.Count, buckets[^1].Count);
        Assert.Contains($"trainyard_prediction_score_count{{version=\"v1\"}} {scores.Count}\n", metrics);
        // The sum is kept in millionths: each score adds at most half a millionth of rounding.
        var sum = double.Parse(Regex.Match(metrics, @"trainyard_prediction_score_sum\{version=""v1""\} (\S+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(scores.Sum(), sum, scores.Count * 0.5e-6 + 1e-9);
        // Deciles of the test scores: the test split itself lands about a tenth in each bucket.
        var perBucket = buckets.Select((b, i) => b.Count - (i == 0 ? 0 : buckets[i - 1].Count)).ToList();
        Assert.All(perBucket, n => Assert.InRange(n, scores.Count / 20, scores.Count / 5));
    }

    [Fact]
    public async Task APackageWithoutDecilesBucketsByTenths()
    {
        await using var server = await ModelServer.StartAsync(new Dictionary<string, string>
        {
            ["TRAINYARD_MODEL_PATH"] = await sample.ExportWithoutScoreDecilesAsync(), ["TRAINYARD_MODEL_REFERENCE"] = "v1",
        });
        await PredictTests.PostOkAsync(server, sample.TestRows.Take(10).ToArray());

        var buckets = Buckets(await server.Http.GetStringAsync("/metrics"));

        Assert.Equal(["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "+Inf"], buckets.Select(b => b.Le));
        Assert.Equal(10, buckets[^1].Count);
    }

    [Fact]
    public void MulticlassScoresTheTopClassRegressionWithoutDecilesHasNoHistogramAndTiedDecilesAreOneBound()
    {
        // Bounds and scores that float and double hold exactly, so "on the bound" is on it.
        var multiclass = PredictionScores.For([0.25, 0.5, 0.75], "multiclass")!;
        multiclass.Observe([0.125f, 0.625f, 0.25f]);  // top class 0.625 → (0.5, 0.75]
        multiclass.Observe([0.5f, 0.375f, 0.125f]);   // top class 0.5 → le="0.5" (inclusive)
        Assert.Equal(new long[] { 0, 1, 2, 2 }, multiclass.Histogram.Snapshot().Cumulative);

        Assert.Null(PredictionScores.For(null, "regression"));
        var regression = PredictionScores.For([-3, 0.5, 0.5, 0.5, 12], "regression")!;
        Assert.Equal(new[] { -3, 0.5, 12 }, regression.Histogram.Bounds);
        regression.Observe([100f]);
        Assert.Equal(new long[] { 0, 0, 0, 1 }, regression.Histogram.Snapshot().Cumulative);
        Assert.Equal(PredictionScores.DefaultProbabilityBounds, PredictionScores.For(null, "binary")!.Histogram.Bounds);
    }

    static string Label(double bound) => bound.ToString("R", CultureInfo.InvariantCulture);

    static List<(string Le, long Count)> Buckets(string metrics) =>
        [.. BucketLine().Matches(metrics).Select(m => (m.Groups[1].Value, long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))];

    [GeneratedRegex(@"^trainyard_prediction_score_bucket\{version=""v1"",le=""([^""]+)""\} (\d+)$", RegexOptions.Multiline)]
    private static partial Regex BucketLine();
}
