using Trainyard.Artifacts.Monitoring;
using Trainyard.Data.Profiling;

namespace Trainyard.Monitoring;

/// <summary>
/// Traffic and latency of one version over the window, in total and per caller: counts and a latency sketch each
/// (the profiler's quantile sketch, 0.5% relative error), so memory grows with the callers, not with the log.
/// </summary>
internal sealed class ServiceWindow
{
    readonly Tally _all = new();
    readonly Dictionary<string, Tally> _callers = new(StringComparer.Ordinal);

    public void Add(in LoggedRequest request)
    {
        var rows = request.Rows;
        _all.Add(rows, request.LatencyMs);
        if (!_callers.TryGetValue(request.Caller, out var caller)) _callers[request.Caller] = caller = new Tally();
        caller.Add(rows, request.LatencyMs);
    }

    public long Predictions => _all.Predictions;

    public ServiceFigures Figures(LogWindow window)
    {
        var (p50, p95, p99) = _all.Latency();
        return new ServiceFigures(_all.Requests, _all.Predictions, _all.Requests / Math.Max(window.Length.TotalSeconds, 1e-9), p50, p95, p99,
            [.. _callers.OrderByDescending(c => c.Value.Requests).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c =>
            {
                var (c50, c95, c99) = c.Value.Latency();
                return new CallerFigures(c.Key, c.Value.Requests, c.Value.Predictions, c50, c95, c99);
            })]);
    }

    sealed class Tally
    {
        readonly QuantileSketch _latency = new(ProfileOptions.Default.RelativeAccuracy, ProfileOptions.Default.MaxSketchBuckets);

        public long Requests { get; private set; }
        public long Predictions { get; private set; }

        public void Add(int rows, double latencyMs)
        {
            Requests++;
            Predictions += rows;
            if (double.IsFinite(latencyMs) && latencyMs >= 0) _latency.Add(latencyMs);
        }

        public (double?, double?, double?) Latency() => _latency.Count == 0 ? (null, null, null)
            : (Round(_latency.Quantile(0.5)), Round(_latency.Quantile(0.95)), Round(_latency.Quantile(0.99)));

        static double Round(double value) => Math.Round(value, 3);
    }
}
