namespace Trainyard.Targets;

/// <summary>
/// Suggestions for a mistyped name, over one distance (Levenshtein, case-insensitive): the single nearest known name
/// for "did you mean", or the several nearest for a list. Trainyard's spec and metric errors use it too.
/// </summary>
internal static class ClosestName
{
    /// <summary>The known name nearest to <paramref name="typed"/>, when at most <paramref name="maxDistance"/> edits away (default: half the typed length, at least 3); ties: the first.</summary>
    public static string? Find(string typed, IEnumerable<string> known, Func<string, int>? maxDistance = null) =>
        known.Select(name => (name, distance: Distance(typed, name)))
            .Where(x => x.distance <= (maxDistance?.Invoke(x.name) ?? Math.Max(3, typed.Length / 2)))
            .OrderBy(x => x.distance)
            .Select(x => x.name)
            .FirstOrDefault();

    public static string Suggestion(string typed, IEnumerable<string> known, string prefix = "") =>
        Find(typed, known) is { } closest ? $" Did you mean '{prefix}{closest}'?" : "";

    /// <summary>
    /// The <paramref name="count"/> known names nearest to <paramref name="typed"/>, however far; a name containing
    /// what was typed counts as that much nearer (<c>auc</c> → <c>roc_auc</c>). Ties in ordinal order.
    /// </summary>
    public static IReadOnlyList<string> Nearest(string typed, IEnumerable<string> known, int count = 3) =>
        known
            .Select(name => (name, distance: Distance(typed, name) - (name.Contains(typed, StringComparison.Ordinal) ? typed.Length : 0)))
            .OrderBy(x => x.distance).ThenBy(x => x.name, StringComparer.Ordinal)
            .Take(count).Select(x => x.name).ToArray();

    /// <summary>Levenshtein distance (insertions, deletions, substitutions), case-insensitive, over two rows.</summary>
    public static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
