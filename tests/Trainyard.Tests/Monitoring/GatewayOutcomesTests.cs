using System.Globalization;
using Trainyard.Monitoring;
using Trainyard.Tests.Deploy.Metrics;

namespace Trainyard.Tests.Monitoring;

/// <summary>
/// The requests the prediction log cannot show (5xx, 400), per version, from a real Prometheus (Debian's) scraping a
/// gateway's counters every second. The counters are served by a text exporter so the exact increments are known.
/// </summary>
public sealed class GatewayOutcomesTests
{
    [Fact]
    public async Task ErrorsAndRejectionsPerVersionComeFromPrometheusOverTheWindow()
    {
        var text = Exposition(v1: (100, 0, 0), v2: (10, 0, 0));
        await using var exporter = new TextExporter(() => Volatile.Read(ref text));
        await using var prometheus = await PrometheusServer.StartAsync(exporter.Url);
        var from = DateTimeOffset.UtcNow;
        await prometheus.WaitForScrapesAfterAsync(from);   // the window's first scrape holds the counts before
        await Task.Delay(TimeSpan.FromSeconds(3));
        // In the window: v1 answered 400, failed 4 (500) and rejected 20 (400); v2 answered 100 and failed 10 (503).
        Volatile.Write(ref text, Exposition(v1: (500, 4, 20), v2: (110, 10, 0)));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var to = DateTimeOffset.UtcNow;
        await prometheus.WaitForScrapesAfterAsync(to);

        using var http = new HttpClient();
        var window = new LogWindow(from, to);
        var counts = await GatewayOutcomes.FromPrometheusAsync(http, prometheus.Url, window, CancellationToken.None);

        // increase() extrapolates the difference of the samples inside the N-second range to the range's edges, by up
        // to a scrape interval at each (the counters here start far from 0, so the start's extrapolation is not cut
        // short as in PrometheusStepMetricsTests): a count lies in [exact − 1, exact × N / (N − 2) + 1].
        var n = Math.Round(window.Length.TotalSeconds);
        var slack = n / (n - 2 * PrometheusServer.ScrapeInterval.TotalSeconds);
        void Count(long exact, long actual) => Assert.InRange(actual, exact - 1, (long)Math.Ceiling(exact * slack) + 1);
        Assert.Equal(["v1", "v2"], counts.Keys.Order(StringComparer.Ordinal));
        var (v1, v2) = (counts["v1"], counts["v2"]);
        Count(424, v1.Requests);
        Count(4, v1.ServerErrors);
        Count(20, v1.InvalidRequests);
        Count(110, v2.Requests);
        Count(10, v2.ServerErrors);
        Assert.Equal(0, v2.InvalidRequests);
        // A rate's two counts are extrapolated differently (a series that starts at 0 is not extrapolated past 0 at
        // the start), so a rate lies within the same factor of 1 − 4/424, 20/424 and 1 − 10/110.
        void Rate(double exact, double? actual) => Assert.InRange(actual!.Value, exact / slack, exact * slack);
        Rate(1 - 4 / 424.0, v1.SuccessRate);
        Rate(20 / 424.0, v1.InvalidRequestRate);
        Rate(1 - 10 / 110.0, v2.SuccessRate);
        Assert.Contains(prometheus.Url.ToString(), v1.Source);
    }

    static string Exposition((long Ok, long ServerErrors, long Invalid) v1, (long Ok, long ServerErrors, long Invalid) v2) => string.Create(CultureInfo.InvariantCulture, $$"""
        # TYPE trainyard_gateway_requests_total counter
        trainyard_gateway_requests_total{upstream="stable",version="v1",code="200"} {{v1.Ok}}
        trainyard_gateway_requests_total{upstream="stable",version="v1",code="500"} {{v1.ServerErrors}}
        trainyard_gateway_requests_total{upstream="stable",version="v1",code="400"} {{v1.Invalid}}
        trainyard_gateway_requests_total{upstream="canary",version="v2",code="200"} {{v2.Ok}}
        trainyard_gateway_requests_total{upstream="canary",version="v2",code="503"} {{v2.ServerErrors}}

        """);
}
