using System.Collections.Concurrent;

namespace Trainyard.Serving;

/// <summary>
/// Predictions by caller (the <c>X-Trainyard-Caller</c> header the gateway sets; none is "anonymous"), for
/// <c>trainyard_caller_predictions_total</c>. The header is the client's to choose when no gateway stands in front,
/// so at most <see cref="Limit"/> distinct callers get a series of their own; later ones, and names too long to be
/// a name, count as "other". A known caller's increment takes no lock and allocates nothing.
/// </summary>
internal sealed class CallerCounts
{
    public const int Limit = 100;
    public const int LongestName = 128;
    public const string Anonymous = "anonymous", Other = "other";

    readonly ConcurrentDictionary<string, Counter> _callers = new(StringComparer.Ordinal);
    readonly Counter _other = new();
    readonly Lock _adding = new();

    public void Add(string caller, long predictions)
    {
        if (!_callers.TryGetValue(caller, out var counter)) counter = Admit(caller);
        Interlocked.Add(ref counter.Value, predictions);
    }

    /// <summary>A new caller's counter, or the shared "other" one once the limit is reached; off the hot path (once per caller).</summary>
    Counter Admit(string caller)
    {
        if (caller.Length > LongestName || caller == Other) return _other;
        lock (_adding)
        {
            if (_callers.TryGetValue(caller, out var counter)) return counter;
            if (_callers.Count >= Limit) return _other;
            return _callers[caller] = new Counter();
        }
    }

    /// <summary>Each caller's predictions, by name, "other" last when it has any.</summary>
    public IEnumerable<(string Caller, long Predictions)> Snapshot()
    {
        foreach (var (caller, counter) in _callers.OrderBy(c => c.Key, StringComparer.Ordinal)) yield return (caller, Interlocked.Read(ref counter.Value));
        if (Interlocked.Read(ref _other.Value) is > 0 and var other) yield return (Other, other);
    }

    sealed class Counter { public long Value; }
}
