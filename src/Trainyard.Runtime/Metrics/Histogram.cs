namespace Trainyard.Runtime.Metrics;

/// <summary>
/// A Prometheus histogram: a count per bucket (not cumulative here; the writer adds them up) and the sum. Lock-free:
/// an observation is two interlocked adds and no allocation, on the server's and the gateway's request paths.
/// </summary>
internal sealed class Histogram(double[] bounds)
{
    readonly long[] _buckets = new long[bounds.Length + 1];
    long _sumMicros; // the sum in millionths, so it can be added without a lock

    public double[] Bounds => bounds;

    public void Observe(double value)
    {
        var bucket = Array.BinarySearch(bounds, value);
        Interlocked.Increment(ref _buckets[bucket >= 0 ? bucket : ~bucket]);
        Interlocked.Add(ref _sumMicros, (long)Math.Round(value * 1e6));
    }

    public (long[] Cumulative, double Sum) Snapshot()
    {
        var cumulative = new long[_buckets.Length];
        long running = 0;
        for (var i = 0; i < _buckets.Length; i++) cumulative[i] = running += Interlocked.Read(ref _buckets[i]);
        return (cumulative, Interlocked.Read(ref _sumMicros) / 1e6);
    }
}
