using System.Collections.Concurrent;
using System.Diagnostics;
using Trainyard.Runtime.Metrics;

namespace Trainyard.Serving;

/// <summary>
/// Counters the server keeps for /metrics: requests by route and status, latency by route, predictions by class
/// (or a histogram of predicted values), the score histogram, predictions by caller, prediction-log lines written and
/// dropped. Lock-free increments.
/// </summary>
internal sealed class ServerMetrics
{
    /// <summary>Latency bucket bounds in seconds: fine below a millisecond, where a single-row prediction sits.</summary>
    public static readonly double[] LatencyBounds = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

    readonly ConcurrentDictionary<string, RouteCounters> _routes = new(StringComparer.Ordinal);
    // The route counted last: an endpoint's pattern is one string instance, so a request of the same route as the one
    // before finds its counters by reference, without hashing the route (most requests are predictions).
    RouteCounters? _last;

    public ServerMetrics(ServedModel model)
    {
        Classes = model.Signature.Output.Classes ?? [];
        PredictedClasses = new long[Classes.Count];
        // Regression: fixed powers-of-ten bounds; enough to see predictions shift scale without reading the label's profile.
        Values = Classes.Count == 0 ? new Histogram([-1e6, -1e4, -1e2, -1, 0, 1, 1e2, 1e4, 1e6]) : null;
        Scores = PredictionScores.For(model.Package.Metadata.ScoreDeciles, model.Package.Metadata.Task);
    }

    public IReadOnlyList<string> Classes { get; }
    public long[] PredictedClasses { get; }
    public Histogram? Values { get; }
    /// <summary>Each prediction's score, bucketed by the package's deciles; null for a regression package without them.</summary>
    public PredictionScores? Scores { get; }
    public CallerCounts Callers { get; } = new();
    public long LogWritten;
    public long LogDropped;

    public void Request(string route, int status, long startTimestamp)
    {
        var counters = _last is { } last && ReferenceEquals(last.Route, route) ? last : _last = _routes.GetOrAdd(route, r => new RouteCounters(r));
        counters.Count(status);
        counters.Latency.Observe(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
    }

    public void Predicted(int classIndex) => Interlocked.Increment(ref PredictedClasses[classIndex]);

    public void Scored(ReadOnlySpan<float> outputs) => Scores?.Observe(outputs);

    public IEnumerable<(string Route, int Status, long Count)> Requests =>
        _routes.SelectMany(r => r.Value.Statuses.Select(s => (Route: r.Key, Status: s.Key, Count: Interlocked.Read(ref s.Value.Value))))
            .OrderBy(r => r.Route, StringComparer.Ordinal).ThenBy(r => r.Status);

    public IEnumerable<(string Route, Histogram Latency)> Latencies => _routes.Select(l => (l.Key, l.Value.Latency)).OrderBy(l => l.Key, StringComparer.Ordinal);

    sealed class Counter { public long Value; }

    /// <summary>One route's requests by status and its latency; a 200's counter is kept at hand.</summary>
    sealed class RouteCounters(string route)
    {
        Counter? _ok;

        public string Route => route;
        public Histogram Latency { get; } = new(LatencyBounds);
        public ConcurrentDictionary<int, Counter> Statuses { get; } = new();

        public void Count(int status)
        {
            var counter = status == 200 ? _ok ??= Statuses.GetOrAdd(200, _ => new Counter()) : Statuses.GetOrAdd(status, _ => new Counter());
            Interlocked.Increment(ref counter.Value);
        }
    }
}
