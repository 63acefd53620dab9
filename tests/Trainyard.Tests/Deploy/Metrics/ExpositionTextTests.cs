using Trainyard.Deploy.Metrics;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Deploy.Metrics;

/// <summary>The Prometheus text reader on a real model server's /metrics and on the format's corners.</summary>
[Collection(ServingCollection.Name)]
public sealed class ExpositionTextTests(PackagedSample sample)
{
    static readonly Uri Source = new("http://127.0.0.1:9/metrics");

    [Fact]
    public async Task TheModelServersMetricsAreReadSampleBySample()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        for (var i = 0; i < 7; i++) await PredictTests.PostOkAsync(server, sample.TestRows[i]);
        using var http = new HttpClient();

        var scrape = await Scrape.FetchAsync(http, new Uri(server.Url, "/metrics"), CancellationToken.None);
        var text = await server.Http.GetStringAsync("/metrics");

        // Every line that is neither blank nor a comment is one sample.
        Assert.True(scrape.Samples.Count > 50);
        Assert.Equal(text.Split('\n').Count(l => l.Length > 0 && l[0] != '#'), ExpositionText.Parse(text, Source).Count);
        Assert.Equal(7, scrape.Named("trainyard_http_requests_total").Single(s => s.Label("route") == "/v1/predict" && s.Label("status") == "200").Value);
        var buckets = scrape.Named("trainyard_http_request_duration_seconds_bucket").Where(s => s.Label("route") == "/v1/predict").ToList();
        Assert.Equal(double.PositiveInfinity, SeriesIncrease.Bound(buckets[^1], Source));
        Assert.Equal(7, buckets[^1].Value);
        Assert.Equal("v1", scrape.Named("trainyard_model_info").Single().Label("version"));
    }

    [Fact]
    public void LabelsEscapesSpecialValuesAndTimestampsAreRead()
    {
        const string text = """
            # A free comment, then HELP with its own escapes \\ \n and TYPE
            # HELP odd_total A "help" line \\ with \n escapes
            # TYPE odd_total counter

            odd_total{path="C:\\models\\v1",quote="say \"hi\"",lines="a\nb",} 3 1700000000123
            odd_total{}	+Inf
            	spaced_metric { a = "1" , b="2" }   -Inf
            not_a_number NaN
            colon:metric_name 1.5e-3
            lowercase_inf inf
            negative_stamp 7 -12
            """;

        var samples = ExpositionText.Parse(text, Source);

        Assert.Equal(7, samples.Count);
        Assert.Equal(@"C:\models\v1", samples[0].Label("path"));
        Assert.Equal("say \"hi\"", samples[0].Label("quote"));
        Assert.Equal("a\nb", samples[0].Label("lines"));
        Assert.Equal(1700000000123, samples[0].TimestampMs);
        Assert.Empty(samples[1].Labels);
        Assert.Equal(double.PositiveInfinity, samples[1].Value);
        Assert.Equal(("spaced_metric", "1", "2", double.NegativeInfinity), (samples[2].Name, samples[2].Label("a"), samples[2].Label("b"), samples[2].Value));
        Assert.True(double.IsNaN(samples[3].Value));
        Assert.Equal(("colon:metric_name", 0.0015), (samples[4].Name, samples[4].Value));
        Assert.Equal(double.PositiveInfinity, samples[5].Value);
        Assert.Equal(-12, samples[6].TimestampMs);
    }

    [Theory]
    [InlineData("requests_total{code=\"200\" 5", 1, 27, "',' or '}' after the value of code")]
    [InlineData("requests_total{code=200} 5", 1, 21, "a '\"' opening the value of code")]
    [InlineData("requests_total{code=\"2\\t\"} 5", 1, 24, "one of the escapes")]
    [InlineData("requests_total{code=\"200} 5", 1, 28, "a '\"' closing the value of code")]
    [InlineData("ok 1\nrequests_total five", 2, 16, "a number (or +Inf, -Inf, NaN) as the value of requests_total, found \"five\"")]
    [InlineData("ok 1\n\nrequests_total 5 later", 3, 18, "an integer timestamp")]
    [InlineData("requests_total 5 17 18", 1, 21, "the end of the line after the timestamp")]
    [InlineData("# TYPE requests_total countr", 1, 23, "a metric type (counter, gauge, histogram, summary or untyped) for requests_total")]
    [InlineData("{code=\"200\"} 5", 1, 1, "a metric name")]
    [InlineData("requests_total{code=\"1\",code=\"2\"} 5", 1, 33, "each label once, but code is repeated")]
    [InlineData("requests_total{9code=\"1\"} 5", 1, 16, "a label name or '}'")]
    [InlineData("requests_total", 1, 15, "a number")]
    public void AMalformedLineNamesTheUrlTheLineAndWhatWasExpected(string text, int line, int column, string expected)
    {
        var error = Assert.Throws<TrainyardException>(() => ExpositionText.Parse(text, Source));

        Assert.StartsWith($"http://127.0.0.1:9/metrics, line {line}, column {column}: expected ", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
