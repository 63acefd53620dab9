using Trainyard.Deploy.Analysis;

namespace Trainyard.Deploy.Metrics;

/// <summary>
/// The series both metric sources read (deploy contract: the gateway's and the model server's <c>/metrics</c>), and
/// how one upstream's window is made of their increments — one place, so the two sources cannot drift apart.
/// </summary>
internal static class DeploySeries
{
    public const string Requests = "trainyard_gateway_requests_total";
    public const string DurationBuckets = "trainyard_gateway_request_duration_seconds_bucket";
    public const string ScoreBuckets = "trainyard_prediction_score_bucket";
    public const string Canary = "canary";
    public const string Stable = "stable";

    /// <summary>
    /// One upstream's window: requests summed over codes, 5xx codes as server errors, 400 as invalid requests;
    /// percentiles in ms from the duration buckets by <see cref="HistogramQuantile"/> (none without requests); the
    /// score histogram as it came (no histogram: empty lists).
    /// </summary>
    public static UpstreamWindow Window(string upstream, string version, IEnumerable<(string? Code, double Count)> requestsByCode,
        (IReadOnlyList<double> Bounds, IReadOnlyList<long> Counts) durations, (IReadOnlyList<double> Bounds, IReadOnlyList<long> Counts) scores)
    {
        var (requests, serverErrors, invalid) = Outcomes(requestsByCode);
        return new UpstreamWindow(upstream, version, requests, serverErrors, invalid,
            Percentile(durations, 0.50), Percentile(durations, 0.95), Percentile(durations, 0.99), scores.Bounds, scores.Counts);
    }

    /// <summary>Requests summed over status codes: all of them, the 5xx ones (server errors) and the 400s (invalid requests).</summary>
    public static (long Requests, long ServerErrors, long Invalid) Outcomes(IEnumerable<(string? Code, double Count)> requestsByCode)
    {
        double requests = 0, serverErrors = 0, invalid = 0;
        foreach (var (code, count) in requestsByCode)
        {
            requests += count;
            if (code is { Length: 3 } && code[0] == '5') serverErrors += count;
            if (code == "400") invalid += count;
        }
        return (Round(requests), Round(serverErrors), Round(invalid));
    }

    // Prometheus' increase() extrapolates, so its counts are fractional; a count of requests is whole.
    static long Round(double count) => Math.Max(0, (long)Math.Round(count));

    static double? Percentile((IReadOnlyList<double> Bounds, IReadOnlyList<long> Counts) durations, double q)
    {
        if (durations.Counts.Sum() == 0) return null;
        var seconds = HistogramQuantile.Of(durations.Bounds, durations.Counts, q);
        return double.IsNaN(seconds) ? null : seconds * 1000;
    }
}
