namespace Trainyard.Runtime.Features;

/// <summary>
/// How many values of each one-hot column were categories that training never saw (encoded as 0 in every slot).
/// Thread-safe counters the model server keeps for its lifetime and reports, e.g. as a drift signal.
/// </summary>
public sealed class UnseenCategoryCounts
{
    private readonly string[] _columns;
    private readonly long[] _counts;

    public UnseenCategoryCounts(Featurizer featurizer)
    {
        _columns = featurizer.Columns.Select(c => c.Name).ToArray();
        _counts = new long[_columns.Length];
    }

    public long Total => _counts.Sum(c => Interlocked.Read(ref c));

    /// <summary>Column name → unseen values so far, for columns with at least one.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var snapshot = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var c = 0; c < _counts.Length; c++)
        {
            var count = Interlocked.Read(ref _counts[c]);
            if (count > 0) snapshot[_columns[c]] = count;
        }
        return snapshot;
    }

    internal void Add(int column, long count = 1)
    {
        if (count > 0) Interlocked.Add(ref _counts[column], count);
    }
}
