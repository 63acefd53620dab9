using System.Globalization;
using Trainyard.Deploy.Analysis;

namespace Trainyard.Deploy.Metrics;

/// <summary>
/// The Prometheus source (<c>--prometheus-url</c>): notes the time at the step's start; at its end asks Prometheus'
/// HTTP API (<c>/api/v1/query</c>, evaluated at the end) over the window <c>[Ns]</c>, N = the step's length in whole
/// seconds, rounded (under a steady load a range a second longer than the window counts a second more).
/// Per upstream U (<c>canary</c> | <c>stable</c>) and its version vN:
/// <code>
/// sum by (code) (increase(trainyard_gateway_requests_total{upstream="U"}[Ns]))
///     requests = the sum over codes, server errors = the 5xx codes, invalid requests = code 400
/// sum by (le) (increase(trainyard_gateway_request_duration_seconds_bucket{upstream="U"}[Ns]))
///     → p50/p95/p99 by HistogramQuantile.Of, the same rule as histogram_quantile(0.99, …) in PromQL
/// sum by (le) (increase(trainyard_prediction_score_bucket{version="vN"}[Ns]))
///     → the score histogram's per-bucket increments
/// </code>
/// The buckets are fetched and the percentiles computed here, not with histogram_quantile in PromQL, so both sources
/// turn the same buckets into the same number. An empty result is no data (0 requests; the analysis says so);
/// Prometheus unreachable or answering an error is a TrainyardException naming the URL and the query.
/// Prometheus only holds what it scraped, so the window's last scrape interval may be missing, and increase()
/// extrapolates to the window's edges: counts are close to the embedded source's, not equal (docs/deploy.md).
/// </summary>
internal sealed class PrometheusStepMetrics(Uri prometheusUrl, HttpClient http, TimeProvider time) : IStepMetrics
{
    long? _begin;

    public Task BeginAsync(CancellationToken ct)
    {
        _begin = time.GetTimestamp();
        return Task.CompletedTask;
    }

    public async Task<StepWindow> EndAsync(string canaryVersion, string? stableVersion, CancellationToken ct)
    {
        var length = time.GetElapsedTime(_begin ?? throw new InvalidOperationException("EndAsync before BeginAsync"));
        _begin = null;
        var at = time.GetUtcNow();
        var seconds = Math.Max(1, (long)Math.Round(length.TotalSeconds));
        var canary = await UpstreamAsync(DeploySeries.Canary, canaryVersion, seconds, at, ct);
        var stable = stableVersion is null ? null : await UpstreamAsync(DeploySeries.Stable, stableVersion, seconds, at, ct);
        return new StepWindow(length, canary, stable);
    }

    async Task<UpstreamWindow> UpstreamAsync(string upstream, string version, long seconds, DateTimeOffset at, CancellationToken ct)
    {
        var range = seconds.ToString(CultureInfo.InvariantCulture) + "s";
        var requestQuery = $"sum by (code) (increase({DeploySeries.Requests}{{upstream=\"{upstream}\"}}[{range}]))";
        var durationQuery = $"sum by (le) (increase({DeploySeries.DurationBuckets}{{upstream=\"{upstream}\"}}[{range}]))";
        var scoreQuery = $"sum by (le) (increase({DeploySeries.ScoreBuckets}{{version=\"{Escape(version)}\"}}[{range}]))";
        var byCode = await QueryAsync(requestQuery, at, ct);
        var durations = Buckets(await QueryAsync(durationQuery, at, ct), durationQuery);
        var scores = Buckets(await QueryAsync(scoreQuery, at, ct), scoreQuery);
        return DeploySeries.Window(upstream, version, byCode.Select(r => (r.Labels.GetValueOrDefault("code"), r.Value)), durations, scores);
    }

    (IReadOnlyList<double>, IReadOnlyList<long>) Buckets(IReadOnlyList<PrometheusQuery.Element> result, string query)
    {
        var cumulative = new SortedDictionary<double, double>();
        foreach (var element in result)
        {
            if (element.Labels.GetValueOrDefault("le") is not { } le || !ExpositionText.TryParseValue(le, out var bound) || double.IsNaN(bound))
                throw new TrainyardException($"Prometheus at {prometheusUrl} answered `{query}` with a series without a numeric le label");
            if (!double.IsNaN(element.Value)) cumulative[bound] = cumulative.GetValueOrDefault(bound) + element.Value;
        }
        return SeriesIncrease.PerBucket(cumulative);
    }

    Task<IReadOnlyList<PrometheusQuery.Element>> QueryAsync(string query, DateTimeOffset at, CancellationToken ct) =>
        PrometheusQuery.InstantAsync(http, prometheusUrl, query, at, ct);

    // A label value inside a PromQL string literal.
    static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
