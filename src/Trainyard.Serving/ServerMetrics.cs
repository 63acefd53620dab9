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

    readonly ConcurrentDictionary<(string Route, int Status), Counter> _requests = new();
    readonly ConcurrentDictionary<string, Histogram> _latency = new();

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
        Interlocked.Increment(ref _requests.GetOrAdd((route, status), _ => new Counter()).Value);
        _latency.GetOrAdd(route, _ => new Histogram(LatencyBounds)).Observe(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
    }

    public void Predicted(int classIndex) => Interlocked.Increment(ref PredictedClasses[classIndex]);

    public void Scored(ReadOnlySpan<float> outputs) => Scores?.Observe(outputs);

    public IEnumerable<(string Route, int Status, long Count)> Requests =>
        _requests.Select(r => (r.Key.Route, r.Key.Status, Interlocked.Read(ref r.Value.Value))).OrderBy(r => r.Route, StringComparer.Ordinal).ThenBy(r => r.Status);

    public IEnumerable<(string Route, Histogram Latency)> Latencies => _latency.Select(l => (l.Key, l.Value)).OrderBy(l => l.Key, StringComparer.Ordinal);

    sealed class Counter { public long Value; }
}
