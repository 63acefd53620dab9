namespace Trainyard.Runtime.Drift;

/// <summary>
/// A categorical column as drift statistics know it: exact counts per value, plus how many fields were missing.
/// Drift is judged on the non-missing values; a change in the missing share is the validator's concern.
/// </summary>
internal sealed record CategoryCounts
{
    public CategoryCounts(IReadOnlyDictionary<string, long> counts, long missing = 0)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (missing < 0) throw new ArgumentOutOfRangeException(nameof(missing), "A missing count cannot be negative.");
        long total = 0;
        foreach (var (category, count) in counts)
        {
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(counts), $"Category '{category}' has a negative count.");
            total += count;
        }
        Counts = counts;
        Missing = missing;
        Total = total;
    }

    public IReadOnlyDictionary<string, long> Counts { get; }

    public long Missing { get; }

    /// <summary>Non-missing values seen.</summary>
    public long Total { get; }

    public long CountOf(string category) => Counts.TryGetValue(category, out var count) ? count : 0;

    /// <summary>Categories seen at least once, in ordinal order, so every statistic bins and sums the same way on every run.</summary>
    public string[] SeenCategories() =>
        Counts.Where(pair => pair.Value > 0).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToArray();
}
