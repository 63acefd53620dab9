using System.Diagnostics;
using System.Globalization;
using System.Text;
using Trainyard.Deploy.Analysis;
using Trainyard.Pipelines;
using Trainyard.Tests.Serving;
using Xunit.Abstractions;

namespace Trainyard.Tests.Deploy.Metrics;

/// <summary>
/// Issue 16's acceptance for the two metric sources: a real gateway at a canary weight, two real model servers, a
/// real Prometheus scraping all three every second, steady traffic; the same window judged from each source gives the
/// same verdict, for a healthy canary and for a faulty one.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class MetricSourceVerdictTests(PackagedSample sample, ITestOutputHelper output)
{
    const int Weight = 30;
    const double RequestsPerSecond = 300;
    static readonly TimeSpan Traffic = TimeSpan.FromSeconds(3);
    static readonly TimeSpan QuietStart = TimeSpan.FromSeconds(2);

    // 3 s at 300/s, 30% to the canary: about 270 canary and 630 stable requests, well above min_requests either way.
    // Each threshold sits far from what either canary measures, so neither the sampling of this traffic nor
    // Prometheus' slack (counts up to N/(N − 1) high from increase()'s extrapolation, which scales a numerator and its
    // denominator alike; a percentile off by a rank or two; PSI on rounded bucket counts) can carry a value across it.
    static readonly DeploySpec Spec = new()
    {
        MinRequests = 100,
        Checks =
        [
            .. new[]
            {
                "success_rate >= 0.95",                  // healthy: 1; faulty (30% answered 500): ≈ 0.70, sd ≈ 0.03
                "success_rate >= stable - 0.05",         // stable answers all: the same 0.95
                "p99_latency_ms <= 200",                 // healthy: a few ms; slow: every canary request ≥ 400 ms, so p99 > 250 (its bucket's floor)
                "score_psi <= 0.25",                     // the same model both sides: sampling noise ≈ 0.05 ± 0.03 on ~200 vs ~650 scores
                "invalid_request_rate <= stable + 0.1",  // one row in 20 invalid whichever way it goes: both ≈ 0.05, their difference's sd ≈ 0.015
            }.Select((check, i) => GateExpression.Parse(check, new SourceLocation("pipelines/canary.yml", i + 1, 7), GateGrammar.DeployChecks)),
        ],
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BothMetricSourcesReachTheSameVerdict(bool faulty)
    {
        // Faulty: 30% of its predictions answered 500, and each answered 400 ms late; the psi and 400 checks still pass.
        (string, string)[] faults = faulty ? [("TRAINYARD_FAULT_ERROR_RATE", "0.3"), ("TRAINYARD_FAULT_DELAY_MS", "400")] : [];
        var (outcome, passes) = faulty ? (StepOutcome.Failed, new[] { false, false, false, true, true }) : (StepOutcome.Passed, [true, true, true, true, true]);
        var clock = Stopwatch.StartNew();
        await using var servers = await RoutedServers.StartAsync(sample, Weight, faults);
        await using var sources = await BothSources.StartAsync(servers);
        var started = clock.Elapsed;
        await sources.PrepareAsync(sample, Weight, faulty ? [200, 400, 500] : [200, 400]);
        var warmed = clock.Elapsed;
        // Two quiet seconds: a scrape delayed past them leaves a few requests to increase()'s extrapolation, which
        // moves counts, not the shares and percentiles the checks judge (PrometheusStepMetricsTests waits 3 s, as it
        // compares the counts themselves). Many callers, so a slow canary does not slow the rate.
        var (embeddedWindow, prometheusWindow) = await sources.MeasureAsync(QuietStart,
            () => servers.LoadAsync(sample, Traffic, RequestsPerSecond, workers: 64, invalidEvery: 20));
        var embedded = StepAnalysis.Judge(Spec, embeddedWindow);
        var asked = StepAnalysis.Judge(Spec, prometheusWindow);

        var report = Report($"{(faulty ? "faulty" : "healthy")} canary: started in {started.TotalSeconds:0.0} s, warmed by {warmed.TotalSeconds:0.0} s, judged by", clock.Elapsed, embeddedWindow, embedded, prometheusWindow, asked);
        output.WriteLine(report);
        Assert.True(embedded.Outcome == outcome && asked.Outcome == outcome, report);
        Assert.True(passes.SequenceEqual(embedded.Checks.Select(c => c.Passed)), report);
        Assert.True(passes.SequenceEqual(asked.Checks.Select(c => c.Passed)), report);
        Assert.True(embedded.Checks.Concat(asked.Checks).All(c => c.Judged), report);
    }

    /// <summary>Both sources side by side: the window's requests, then each check's canary value, threshold and result.</summary>
    static string Report(string heading, TimeSpan elapsed, StepWindow embeddedWindow, StepVerdict embedded, StepWindow prometheusWindow, StepVerdict asked)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{heading} {elapsed.TotalSeconds:0.0} s\n");
        text.Append(CultureInfo.InvariantCulture, $"{"",-40} {"embedded",-28} Prometheus\n");
        string Requests(StepWindow w) => $"{w.Canary.Requests}/{w.Canary.ServerErrors}/{w.Canary.InvalidRequests} · {w.Stable!.Requests}/{w.Stable.ServerErrors}/{w.Stable.InvalidRequests}";
        text.Append(CultureInfo.InvariantCulture, $"{"requests/5xx/400 canary · stable",-40} {Requests(embeddedWindow),-28} {Requests(prometheusWindow)}\n");
        string Value(CheckResult c) => c.Canary is { } v
            ? $"{v.ToString("0.####", CultureInfo.InvariantCulture)} vs {c.Threshold?.ToString("0.####", CultureInfo.InvariantCulture)} {(c.Passed ? "pass" : "FAIL")}"
            : "not judged";
        foreach (var (e, a) in embedded.Checks.Zip(asked.Checks))
            text.Append(CultureInfo.InvariantCulture, $"{e.Check.Text,-40} {Value(e),-28} {Value(a)}\n");
        text.Append(CultureInfo.InvariantCulture, $"verdict: {embedded.Outcome} | {asked.Outcome}\n");
        return text.ToString();
    }
}
