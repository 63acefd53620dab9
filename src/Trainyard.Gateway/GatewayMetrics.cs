using System.Collections.Concurrent;
using System.Diagnostics;
using Trainyard.Runtime.Metrics;

namespace Trainyard.Gateway;

/// <summary>
/// What the gateway counts for /metrics, per upstream (stable|canary) and model version: requests by status code,
/// a latency histogram and the requests in flight; per caller and version when callers are configured; rejected
/// keys. Lock-free increments.
/// </summary>
internal sealed class GatewayMetrics
{
    /// <summary>The latency buckets of the contract (docs/deploy.md), in seconds; +Inf is implied.</summary>
    public static readonly double[] LatencyBounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    readonly ConcurrentDictionary<(string Upstream, string Version), Series> _series = new();
    readonly ConcurrentDictionary<(string Caller, string Version), Counter> _callers = new();
    public long Unauthorized;

    public Series For(string upstream, string version) => _series.GetOrAdd((upstream, version), _ => new Series());

    public void Caller(string caller, string version) => Interlocked.Increment(ref _callers.GetOrAdd((caller, version), _ => new Counter()).Value);

    public IEnumerable<(string Upstream, string Version, Series Series)> All =>
        _series.Select(s => (s.Key.Upstream, s.Key.Version, s.Value)).OrderBy(s => s.Upstream, StringComparer.Ordinal).ThenBy(s => s.Version, StringComparer.Ordinal);

    public IEnumerable<(string Caller, string Version, long Count)> Callers =>
        _callers.Select(c => (c.Key.Caller, c.Key.Version, Interlocked.Read(ref c.Value.Value))).OrderBy(c => c.Caller, StringComparer.Ordinal).ThenBy(c => c.Version, StringComparer.Ordinal);

    /// <summary>One upstream and version's requests: counts by code, latency, in flight.</summary>
    internal sealed class Series
    {
        readonly ConcurrentDictionary<int, Counter> _codes = new();
        public Histogram Latency { get; } = new(LatencyBounds);
        public long InFlight;

        public long Begin()
        {
            Interlocked.Increment(ref InFlight);
            return Stopwatch.GetTimestamp();
        }

        public void End(int code, long startTimestamp)
        {
            Latency.Observe(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
            Interlocked.Increment(ref _codes.GetOrAdd(code, _ => new Counter()).Value);
            Interlocked.Decrement(ref InFlight);
        }

        public IEnumerable<(int Code, long Count)> Codes => _codes.Select(c => (c.Key, Interlocked.Read(ref c.Value.Value))).OrderBy(c => c.Key);
    }

    internal sealed class Counter { public long Value; }
}
